using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Grpc;
using FoodDelivery.Delivery.Persistence;
using Microsoft.EntityFrameworkCore;
using Assignment = FoodDelivery.Delivery.Domain.Assignment;

namespace FoodDelivery.Delivery.Assignments;

/// <summary>
/// CancelAssignment's effect, the saga's compensation for AssignCourier. Safe to repeat under any key: ASSIGNED is
/// cancelled and frees the courier; an already cancelled assignment is left alone; an order with no assignment gets a
/// tombstone so a late AssignCourier is refused. Once the food is picked up there is nothing to cancel.
/// </summary>
public sealed class CancelAssignmentHandler(DeliveryDbContext db, TimeProvider time)
{
    public async Task<CancelAssignmentResponse> HandleAsync(CancelAssignmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow().UtcDateTime;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason;
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.OrderId == request.OrderId, cancellationToken);
        if (assignment is null)
        {
            var tombstone = Assignment.CreateTombstone(request.OrderId, reason, now);
            db.Assignments.Add(tombstone);
            return new CancelAssignmentResponse { Assignment = tombstone.ToMessage(), Cancelled = false };
        }

        switch (assignment.Status)
        {
            case AssignmentState.Cancelled:
                return new CancelAssignmentResponse { Assignment = assignment.ToMessage(), Cancelled = false };
            case AssignmentState.Assigned:
                var courier = await db.Couriers.SingleAsync(c => c.CourierId == assignment.CourierId, cancellationToken);
                assignment.Cancel(courier, reason, now);
                return new CancelAssignmentResponse { Assignment = assignment.ToMessage(), Cancelled = true };
            default:
                // PICKED_UP or DELIVERED: the food is on its way or already there.
                throw DeliveryErrors.IllegalTransition(request.OrderId, assignment.Status, AssignmentState.Cancelled);
        }
    }
}

using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Grpc;
using FoodDelivery.Delivery.Persistence;
using Microsoft.EntityFrameworkCore;
using AssignmentMessage = FoodDelivery.Contracts.Delivery.V1.Assignment;

namespace FoodDelivery.Delivery.Assignments;

/// <summary>
/// ConfirmPickup's effect: the assigned courier has the food (ASSIGNED -> PICKED_UP). A repeat after pickup returns
/// the assignment unchanged; another courier, or a cancelled assignment, is refused.
/// </summary>
public sealed class ConfirmPickupHandler(DeliveryDbContext db, TimeProvider time)
{
    public async Task<AssignmentMessage> HandleAsync(ConfirmPickupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.OrderId == request.OrderId, cancellationToken)
            ?? throw DeliveryErrors.AssignmentNotFound(request.OrderId);
        if (assignment.Status == AssignmentState.Cancelled)
        {
            throw DeliveryErrors.IllegalTransition(request.OrderId, assignment.Status, AssignmentState.PickedUp);
        }

        if (assignment.CourierId != request.CourierId)
        {
            throw DeliveryErrors.WrongCourier(request.OrderId, request.CourierId, assignment.CourierId);
        }

        if (assignment.Status == AssignmentState.Assigned)
        {
            assignment.MarkPickedUp(time.GetUtcNow().UtcDateTime);
        }

        // Already PICKED_UP (or even DELIVERED): the pickup happened; answer with the assignment as it is.
        return assignment.ToMessage();
    }
}

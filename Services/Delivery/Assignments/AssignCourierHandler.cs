using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Grpc;
using FoodDelivery.Delivery.Persistence;
using Microsoft.EntityFrameworkCore;
using Assignment = FoodDelivery.Delivery.Domain.Assignment;
using AssignmentMessage = FoodDelivery.Contracts.Delivery.V1.Assignment;

namespace FoodDelivery.Delivery.Assignments;

/// <summary>
/// AssignCourier's effect. At most one assignment per order: a live one is returned as it is (no second courier), a
/// cancelled one or a tombstone refuses the request (a late assign for a dead order takes no courier), and otherwise
/// the selected courier gives one unit of capacity. The courier row's version token makes a lost race retry.
/// </summary>
public sealed class AssignCourierHandler(DeliveryDbContext db, CourierSelector selector, TimeProvider time)
{
    public async Task<AssignmentMessage> HandleAsync(AssignCourierRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await db.Assignments.SingleOrDefaultAsync(a => a.OrderId == request.OrderId, cancellationToken);
        if (existing is not null)
        {
            return existing.Status == AssignmentState.Cancelled
                ? throw DeliveryErrors.AssignmentCancelled(request.OrderId)
                : existing.ToMessage();
        }

        var courier = await selector.PickAsync(cancellationToken)
            ?? throw DeliveryErrors.NoCourierAvailable(request.OrderId);
        var assignment = Assignment.Create(
            request.OrderId, courier, request.Pickup.ToDomain(), request.Dropoff.ToDomain(), time.GetUtcNow().UtcDateTime);
        db.Assignments.Add(assignment);
        return assignment.ToMessage();
    }
}

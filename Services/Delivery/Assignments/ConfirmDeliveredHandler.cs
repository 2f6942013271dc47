using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Grpc;
using FoodDelivery.Delivery.Persistence;
using Microsoft.EntityFrameworkCore;
using AssignmentMessage = FoodDelivery.Contracts.Delivery.V1.Assignment;

namespace FoodDelivery.Delivery.Assignments;

/// <summary>
/// ConfirmDelivered's effect: PICKED_UP -> DELIVERED, and the courier's unit of capacity is free again. A repeat
/// returns the assignment unchanged; delivering what was never picked up, or by another courier, is refused.
/// </summary>
public sealed class ConfirmDeliveredHandler(DeliveryDbContext db, TimeProvider time)
{
    public async Task<AssignmentMessage> HandleAsync(ConfirmDeliveredRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.OrderId == request.OrderId, cancellationToken)
            ?? throw DeliveryErrors.AssignmentNotFound(request.OrderId);
        if (assignment.Status == AssignmentState.Cancelled)
        {
            throw DeliveryErrors.IllegalTransition(request.OrderId, assignment.Status, AssignmentState.Delivered);
        }

        if (assignment.CourierId != request.CourierId)
        {
            throw DeliveryErrors.WrongCourier(request.OrderId, request.CourierId, assignment.CourierId);
        }

        switch (assignment.Status)
        {
            case AssignmentState.PickedUp:
                var courier = await db.Couriers.SingleAsync(c => c.CourierId == assignment.CourierId, cancellationToken);
                assignment.MarkDelivered(courier, time.GetUtcNow().UtcDateTime);
                break;
            case AssignmentState.Assigned:
                throw DeliveryErrors.IllegalTransition(request.OrderId, assignment.Status, AssignmentState.Delivered);
        }

        return assignment.ToMessage();
    }
}

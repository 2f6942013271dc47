using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Domain;
using FoodDelivery.Order.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using OrderMessage = FoodDelivery.Contracts.Order.V1.Order;

namespace FoodDelivery.Order.Orders;

/// <summary>
/// Moves an order to another status when <see cref="OrderStateMachine"/> allows it, appending one history entry. Runs
/// inside the idempotent executor; the order's Version and the (OrderId, Sequence) key make a racing writer lose (and
/// the executor retries it against the winner's state).
/// </summary>
public sealed class TransitionOrderHandler(OrderStore store, TimeProvider time)
{
    public const string Operation = "TransitionOrder";

    public async Task<OrderMessage> TransitionAsync(TransitionOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = await store.FindAsync(request.OrderId, cancellationToken)
            ?? throw ServiceErrors.NotFound("order", request.OrderId);
        if (order.Status == request.To)
        {
            // Already there (a repeat, maybe under another key): nothing to record.
            return OrderMapper.ToMessage(order);
        }

        if (!OrderStateMachine.CanTransition(order.Status, request.To))
        {
            throw ServiceErrors.IllegalTransition(
                "order", order.OrderId, OrderStateMachine.WireName(order.Status), OrderStateMachine.WireName(request.To));
        }

        var now = time.GetUtcNow().UtcDateTime;
        order.History.Add(new StatusChangeRecord
        {
            OrderId = order.OrderId,
            Sequence = order.History.Max(c => c.Sequence) + 1,
            From = order.Status,
            To = request.To,
            Reason = request.Reason,
            At = now,
        });
        order.Status = request.To;
        order.UpdatedAt = now;
        return OrderMapper.ToMessage(order);
    }
}

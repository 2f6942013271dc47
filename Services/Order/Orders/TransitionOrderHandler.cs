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
        var order = await store.FindAsync(request.OrderId, cancellationToken);
        if (order is null)
        {
            return CloseUnrecorded(request);
        }

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

    /// <summary>
    /// The saga closes an order whose CreateOrder never arrived (it timed out, maybe still in flight). Closing it leaves
    /// a tombstone in the final status, so that a late CreateOrder for the same id is refused (ALREADY_EXISTS) instead of
    /// recording a PENDING order that no saga will ever move. Any other transition of an unknown order is NOT_FOUND.
    /// </summary>
    private OrderMessage CloseUnrecorded(TransitionOrderRequest request)
    {
        if (request.To is not (OrderStatus.Cancelled or OrderStatus.Rejected))
        {
            throw ServiceErrors.NotFound("order", request.OrderId);
        }

        var tombstone = OrderTombstone.Create(request.OrderId, request.To, request.Reason, time.GetUtcNow().UtcDateTime);
        store.Add(tombstone);
        return OrderMapper.ToMessage(tombstone);
    }
}

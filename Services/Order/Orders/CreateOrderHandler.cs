using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Domain;
using FoodDelivery.Order.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Idempotency;
using OrderMessage = FoodDelivery.Contracts.Order.V1.Order;

namespace FoodDelivery.Order.Orders;

/// <summary>
/// Records a new order as PENDING. Runs inside the idempotent executor, on an already validated request. Besides the
/// idempotency key, the order id itself is a natural key: the same order with an identical payload under another key
/// is answered with the existing order; a different payload for an existing order id is refused.
/// </summary>
public sealed class CreateOrderHandler(OrderStore store, TimeProvider time)
{
    public const string Operation = "CreateOrder";
    public const string CreatedReason = "order created";

    public async Task<OrderMessage> CreateAsync(CreateOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fingerprint = RequestFingerprint.Compute(Operation, request);
        var existing = await store.FindAsync(request.OrderId, cancellationToken);
        if (existing is not null)
        {
            return existing.CreationFingerprint.AsSpan().SequenceEqual(fingerprint)
                ? OrderMapper.ToMessage(existing)
                : throw ServiceErrors.Rejected(
                    ErrorReasons.AlreadyExists,
                    $"order '{request.OrderId}' already exists with a different payload",
                    [new("order_id", request.OrderId)]);
        }

        var order = NewOrder(request, fingerprint, time.GetUtcNow().UtcDateTime);
        store.Add(order);
        return OrderMapper.ToMessage(order);
    }

    private static OrderRecord NewOrder(CreateOrderRequest request, byte[] fingerprint, DateTime now)
    {
        var total = OrderPricing.TryTotal(request.Lines.Select(l => (l.Quantity, l.UnitPrice.AmountMinor)))
            ?? throw new InvalidOperationException("the total was checked during validation");
        var order = new OrderRecord
        {
            OrderId = request.OrderId,
            CustomerId = request.CustomerId,
            RestaurantId = request.RestaurantId,
            TotalMinor = total,
            Currency = request.Lines[0].UnitPrice.Currency,
            Status = OrderStateMachine.InitialStatus,
            DeliveryStreet = request.DeliveryAddress.Street,
            DeliveryCity = request.DeliveryAddress.City,
            DeliveryPostalCode = request.DeliveryAddress.PostalCode,
            DeliveryCountry = request.DeliveryAddress.Country,
            CreationFingerprint = fingerprint,
            CreatedAt = now,
            UpdatedAt = now,
        };
        order.Lines.AddRange(request.Lines.Select((line, index) => new OrderLineRecord
        {
            OrderId = request.OrderId,
            LineNumber = index + 1,
            ItemId = line.ItemId,
            Name = line.Name,
            Quantity = line.Quantity,
            UnitPriceMinor = line.UnitPrice.AmountMinor,
        }));
        order.History.Add(new StatusChangeRecord
        {
            OrderId = request.OrderId,
            Sequence = 1,
            From = OrderStatus.Unspecified,
            To = OrderStateMachine.InitialStatus,
            Reason = CreatedReason,
            At = now,
        });
        return order;
    }
}

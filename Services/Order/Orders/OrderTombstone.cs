using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Persistence;

namespace FoodDelivery.Order.Orders;

/// <summary>
/// An order closed before it was ever recorded: no customer, no lines, already CANCELLED or REJECTED. Its empty creation
/// fingerprint matches no real CreateOrder, so a late one is refused as "already exists with a different payload".
/// </summary>
public static class OrderTombstone
{
    public static OrderRecord Create(string orderId, OrderStatus finalStatus, string reason, DateTime now)
    {
        var tombstone = new OrderRecord
        {
            OrderId = orderId,
            CustomerId = string.Empty,
            RestaurantId = string.Empty,
            Currency = string.Empty,
            Status = finalStatus,
            DeliveryStreet = string.Empty,
            DeliveryCity = string.Empty,
            DeliveryPostalCode = string.Empty,
            DeliveryCountry = string.Empty,
            CreationFingerprint = [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        tombstone.History.Add(new StatusChangeRecord
        {
            OrderId = orderId,
            Sequence = 1,
            From = OrderStatus.Unspecified,
            To = finalStatus,
            Reason = $"closed before it was recorded: {reason}",
            At = now,
        });
        return tombstone;
    }
}

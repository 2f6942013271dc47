using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Persistence;
using Google.Protobuf.WellKnownTypes;
using OrderMessage = FoodDelivery.Contracts.Order.V1.Order;

namespace FoodDelivery.Order.Orders;

/// <summary>Stored order to wire message.</summary>
public static class OrderMapper
{
    public static OrderMessage ToMessage(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var message = new OrderMessage
        {
            OrderId = order.OrderId,
            CustomerId = order.CustomerId,
            RestaurantId = order.RestaurantId,
            Total = new Money { AmountMinor = order.TotalMinor, Currency = order.Currency },
            Status = order.Status,
            DeliveryAddress = new Address
            {
                Street = order.DeliveryStreet,
                City = order.DeliveryCity,
                PostalCode = order.DeliveryPostalCode,
                Country = order.DeliveryCountry,
            },
            CreatedAt = Timestamp.FromDateTime(order.CreatedAt),
            UpdatedAt = Timestamp.FromDateTime(order.UpdatedAt),
        };
        message.Lines.AddRange(order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLine
        {
            ItemId = l.ItemId,
            Name = l.Name,
            Quantity = l.Quantity,
            UnitPrice = new Money { AmountMinor = l.UnitPriceMinor, Currency = order.Currency },
        }));
        message.History.AddRange(order.History.OrderBy(c => c.Sequence).Select(c => new StatusChange
        {
            From = c.From,
            To = c.To,
            Reason = c.Reason,
            At = Timestamp.FromDateTime(c.At),
        }));
        return message;
    }
}

using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;

namespace FoodDelivery.Order.Tests;

/// <summary>Valid requests to start from; tests change the one thing they are about.</summary>
public static class OrderRequests
{
    public static CreateOrderRequest Create(string orderId, string customerId = "customer-1", string? key = null) => new()
    {
        IdempotencyKey = key ?? $"{orderId}:create",
        OrderId = orderId,
        CustomerId = customerId,
        RestaurantId = "restaurant-1",
        Lines =
        {
            Line("pizza-margherita", "Pizza Margherita", 2, 850),
            Line("tiramisu", "Tiramisu", 1, 450),
        },
        DeliveryAddress = new Address { Street = "Hauptstrasse 1", City = "Berlin", PostalCode = "10115", Country = "DE" },
    };

    public static OrderLine Line(string itemId, string name, int quantity, long unitPriceMinor, string currency = "EUR") => new()
    {
        ItemId = itemId,
        Name = name,
        Quantity = quantity,
        UnitPrice = new Money { AmountMinor = unitPriceMinor, Currency = currency },
    };

    public static TransitionOrderRequest Transition(string orderId, OrderStatus to, string? key = null, string reason = "test") => new()
    {
        IdempotencyKey = key ?? $"{orderId}:{to}",
        OrderId = orderId,
        To = to,
        Reason = reason,
    };
}

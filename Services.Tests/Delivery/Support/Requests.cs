using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Delivery.V1;

namespace FoodDelivery.Delivery.Tests.Support;

/// <summary>Valid requests to start from; tests change what they are about.</summary>
public static class Requests
{
    public static Address PickupAddress() =>
        new() { Street = "Pizzastrasse 1", City = "Berlin", PostalCode = "10115", Country = "DE" };

    public static Address DropoffAddress() =>
        new() { Street = "Kundenweg 42", City = "Berlin", PostalCode = "10117", Country = "DE" };

    public static AssignCourierRequest Assign(string orderId, string? key = null) =>
        new() { IdempotencyKey = key ?? $"{orderId}:assign", OrderId = orderId, Pickup = PickupAddress(), Dropoff = DropoffAddress() };

    public static CancelAssignmentRequest Cancel(string orderId, string? key = null, string reason = "customer cancelled") =>
        new() { IdempotencyKey = key ?? $"{orderId}:cancel-assignment", OrderId = orderId, Reason = reason };

    public static ConfirmPickupRequest Pickup(string orderId, string courierId, string? key = null) =>
        new() { IdempotencyKey = key ?? $"{orderId}:pickup", OrderId = orderId, CourierId = courierId };

    public static ConfirmDeliveredRequest Delivered(string orderId, string courierId, string? key = null) =>
        new() { IdempotencyKey = key ?? $"{orderId}:delivered", OrderId = orderId, CourierId = courierId };
}

using FoodDelivery.Contracts;
using FoodDelivery.ServiceDefaults.Errors;

namespace FoodDelivery.Restaurant.Reservations;

/// <summary>The restaurant service's business refusals, each with its stable ErrorInfo reason.</summary>
public static class RestaurantErrors
{
    /// <summary>Items that are unknown, inactive or on another restaurant's menu, named in metadata "items".</summary>
    public static ServiceException ItemUnavailable(IReadOnlyCollection<string> itemIds) =>
        ServiceErrors.Rejected(
            ErrorReasons.ItemUnavailable,
            $"not available from this restaurant: {string.Join(", ", itemIds)}",
            [new(ErrorReasons.ItemsMetadataKey, string.Join(",", itemIds))]);

    /// <summary>Items without enough available stock, named in metadata "items".</summary>
    public static ServiceException OutOfStock(IReadOnlyCollection<string> itemIds) =>
        ServiceErrors.Rejected(
            ErrorReasons.OutOfStock,
            $"not enough stock: {string.Join(", ", itemIds)}",
            [new(ErrorReasons.ItemsMetadataKey, string.Join(",", itemIds))]);

    public static ServiceException CurrencyMismatch(IEnumerable<string> currencies) =>
        ServiceErrors.Rejected(
            ErrorReasons.CurrencyMismatch,
            $"the items are priced in different currencies ({string.Join(", ", currencies)}); reserve them separately");

    /// <summary>The order's reservation was released, expired or tombstoned: a late reserve takes no stock.</summary>
    public static ServiceException ReservationReleased(string orderId) =>
        ServiceErrors.Rejected(
            ErrorReasons.ReservationReleased,
            $"the reservation for order '{orderId}' was already released or expired; no stock is taken",
            [new("order_id", orderId)]);

    /// <summary>The order already holds other items: one reservation per order.</summary>
    public static ServiceException AlreadyReserved(string orderId) =>
        ServiceErrors.Rejected(
            ErrorReasons.AlreadyExists,
            $"order '{orderId}' already has a reservation with other items",
            [new("order_id", orderId)]);

    public static ServiceException HoldExpired(string orderId) =>
        ServiceErrors.Rejected(
            ErrorReasons.HoldExpired,
            $"the stock hold for order '{orderId}' expired; its stock was given back",
            [new("order_id", orderId)]);

    public static ServiceException ReservationNotFound(string orderId) => ServiceErrors.NotFound("reservation for order", orderId);
}

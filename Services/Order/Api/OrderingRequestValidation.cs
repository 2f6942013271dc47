using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.ServiceDefaults.Validation;

namespace FoodDelivery.Order.Api;

/// <summary>Validation of the client-facing APIs: every bad field is named, and nothing is started or signalled.</summary>
public static class OrderingRequestValidation
{
    public static void ValidatePlace(PlaceOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator()
            .Id(request.ClientRequestId, "client_request_id")
            .Id(request.CustomerId, "customer_id")
            .Id(request.RestaurantId, "restaurant_id")
            .Items(request.Items, "items")
            .Address(request.DeliveryAddress, "delivery_address")
            .Id(request.PaymentMethodToken, "payment_method_token")
            .ThrowIfInvalid();
    }

    public static void ValidateOrderId(string orderId) => new RequestValidator().Id(orderId, "order_id").ThrowIfInvalid();

    public static void ValidateCancel(CancelOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator().Id(request.OrderId, "order_id").Text(request.Reason, "reason", required: true).ThrowIfInvalid();
    }

    public static void ValidateRestaurantReport(string orderId, string restaurantId, string? reason, bool reasonRequired)
    {
        new RequestValidator()
            .Id(orderId, "order_id")
            .Id(restaurantId, "restaurant_id")
            .Text(reason, "reason", required: reasonRequired)
            .ThrowIfInvalid();
    }

    public static void ValidateCourierReport(CourierReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator().Id(request.OrderId, "order_id").Id(request.CourierId, "courier_id").ThrowIfInvalid();
    }

    public static void ValidateOperator(OperatorRequest request, bool noteRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator().Id(request.OrderId, "order_id").Text(request.Note, "note", required: noteRequired).ThrowIfInvalid();
    }
}

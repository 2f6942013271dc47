using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Payment.V1;

namespace FoodDelivery.Payment.Tests;

/// <summary>Valid requests with readable defaults; keys follow the saga's "{orderId}:{step}" shape unless given.</summary>
public static class Requests
{
    public const string Customer = "customer-1";

    public static AuthorizePaymentRequest Authorize(
        string orderId,
        string? key = null,
        long amountMinor = 1250,
        string currency = "EUR",
        string token = "tok_visa",
        string customerId = Customer) =>
        new()
        {
            IdempotencyKey = key ?? $"{orderId}:authorize",
            OrderId = orderId,
            CustomerId = customerId,
            Amount = new Money { AmountMinor = amountMinor, Currency = currency },
            PaymentMethodToken = token,
        };

    public static CapturePaymentRequest Capture(string orderId, string? key = null, Money? amount = null) =>
        new() { IdempotencyKey = key ?? $"{orderId}:capture", OrderId = orderId, Amount = amount };

    public static VoidOrRefundRequest VoidOrRefund(string orderId, string? key = null, string reason = "saga compensation") =>
        new() { IdempotencyKey = key ?? $"{orderId}:void", OrderId = orderId, Reason = reason };

    public static GetPaymentRequest Get(string orderId) => new() { OrderId = orderId };

    public static Money Eur(long amountMinor) => new() { AmountMinor = amountMinor, Currency = "EUR" };
}

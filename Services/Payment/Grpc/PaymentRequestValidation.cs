using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.ServiceDefaults.Validation;

namespace FoodDelivery.Payment.Grpc;

/// <summary>
/// Shape checks for every payment request, run before any write. Whether a token is one the card network knows is a
/// decision of the network (see Domain/TestPaymentMethods), stored under the idempotency key like its other answers.
/// </summary>
public static class PaymentRequestValidation
{
    public static void Validate(AuthorizePaymentRequest request, PaymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var validator = new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Id(request.CustomerId, "customer_id")
            .Money(request.Amount, "amount")
            .Id(request.PaymentMethodToken, "payment_method_token");
        AtMost(validator, request.Amount, options);
        validator.ThrowIfInvalid();
    }

    public static void Validate(CapturePaymentRequest request, PaymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var validator = new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id");
        if (request.Amount is not null)
        {
            validator.Money(request.Amount, "amount");
            AtMost(validator, request.Amount, options);
        }

        validator.ThrowIfInvalid();
    }

    public static void Validate(VoidOrRefundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Text(request.Reason, "reason")
            .ThrowIfInvalid();
    }

    public static void Validate(GetPaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator().Id(request.OrderId, "order_id").ThrowIfInvalid();
    }

    private static void AtMost(RequestValidator validator, Contracts.Common.V1.Money? amount, PaymentOptions options)
    {
        if (amount is not null && amount.AmountMinor > options.MaxAmountMinor)
        {
            validator.Add("amount.amount_minor", $"must be at most {options.MaxAmountMinor}");
        }
    }
}

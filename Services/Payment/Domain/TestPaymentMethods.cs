using FoodDelivery.Contracts;
using FoodDelivery.ServiceDefaults.Errors;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Payment.Domain;

/// <summary>
/// The deterministic card network of this service: the only place that knows the test payment method tokens.
/// <list type="table">
/// <item><term>tok_visa, tok_mastercard</term><description>approved</description></item>
/// <item><term>tok_declined</term><description>FAILED_PRECONDITION, reason CARD_DECLINED</description></item>
/// <item><term>tok_insufficient_funds</term><description>FAILED_PRECONDITION, reason INSUFFICIENT_FUNDS</description></item>
/// <item><term>anything else</term><description>INVALID_ARGUMENT, field violation on payment_method_token</description></item>
/// </list>
/// Every refusal is final, so the idempotency store keeps it: a repeat with the same key gets the same refusal.
/// </summary>
public static class TestPaymentMethods
{
    public const string Visa = "tok_visa";
    public const string Mastercard = "tok_mastercard";
    public const string Declined = "tok_declined";
    public const string InsufficientFunds = "tok_insufficient_funds";

    public const string TokenField = "payment_method_token";

    /// <summary>True when the token is one this network knows (approving or not).</summary>
    public static bool IsKnown(string token) => token is Visa or Mastercard or Declined or InsufficientFunds;

    /// <summary>INVALID_ARGUMENT naming the token field, for a token this network has never issued.</summary>
    public static ServiceException UnknownToken() =>
        ServiceErrors.InvalidArgument(
        [
            new BadRequest.Types.FieldViolation
            {
                Field = TokenField,
                Description = $"unknown payment method token (not echoed: tokens are secrets); test tokens are {Visa}, {Mastercard}, {Declined}, {InsufficientFunds}",
            },
        ]);

    /// <summary>The card network's refusal for this token, or null when it approves the charge.</summary>
    public static ServiceException? Refusal(string token, string orderId) => token switch
    {
        Visa or Mastercard => null,
        Declined => Refuse(ErrorReasons.CardDeclined, $"the card for order '{orderId}' was declined", orderId),
        InsufficientFunds => Refuse(ErrorReasons.InsufficientFunds, $"insufficient funds for order '{orderId}'", orderId),
        _ => UnknownToken(),
    };

    private static ServiceException Refuse(string reason, string message, string orderId) =>
        ServiceErrors.Rejected(reason, message, [new("order_id", orderId)], StatusCode.FailedPrecondition);
}

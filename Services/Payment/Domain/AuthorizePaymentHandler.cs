using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Grpc;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using Grpc.Core;

namespace FoodDelivery.Payment.Domain;

/// <summary>
/// Authorizes an order's amount, at most once per order. Runs inside the idempotent executor's transaction, so
/// everything is loaded here, and a racing first write for the same order (the unique OrderId index) makes the
/// executor start over and land in one of the "existing payment" branches below.
/// </summary>
public sealed class AuthorizePaymentHandler(PaymentDbContext db, TimeProvider time)
{
    public async Task<Contracts.Payment.V1.Payment> HandleAsync(AuthorizePaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TestPaymentMethods.IsKnown(request.PaymentMethodToken))
        {
            throw TestPaymentMethods.UnknownToken();
        }

        var existing = await db.Payments.FindByOrderAsync(request.OrderId, cancellationToken);
        if (existing is not null)
        {
            return PaymentMapper.ToContract(Reuse(existing, request));
        }

        // Only a new authorization reaches the card network.
        if (TestPaymentMethods.Refusal(request.PaymentMethodToken, request.OrderId) is { } refusal)
        {
            throw refusal;
        }

        var now = time.GetUtcNow();
        var payment = OrderPayment.Authorize(
            Guid.CreateVersion7(now),
            request.OrderId,
            request.CustomerId,
            request.Amount.AmountMinor,
            request.Amount.Currency,
            now.UtcDateTime);
        db.Payments.Add(payment);
        return PaymentMapper.ToContract(payment);
    }

    /// <summary>
    /// A second authorization for the same order: a dead order (voided, refunded or tombstoned) moves no money; the
    /// same authorization asked again (e.g. by a retry under a new key) gets the existing one; anything else conflicts.
    /// </summary>
    private static OrderPayment Reuse(OrderPayment existing, AuthorizePaymentRequest request)
    {
        if (existing.State is PaymentState.Voided or PaymentState.Refunded)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.PaymentVoided,
                $"the payment for order '{request.OrderId}' was already {existing.State.ToString().ToUpperInvariant()}; nothing is authorized for it again",
                [new("order_id", request.OrderId)]);
        }

        var same = existing.CustomerId == request.CustomerId
            && existing.Currency == request.Amount.Currency
            && existing.AuthorizedMinor == request.Amount.AmountMinor;
        if (!same)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.AlreadyExists,
                $"order '{request.OrderId}' already has an authorization of {existing.AuthorizedMinor} {existing.Currency} for customer '{existing.CustomerId}'",
                [new("order_id", request.OrderId)],
                StatusCode.AlreadyExists);
        }

        return existing;
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Grpc;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Payment.Domain;

/// <summary>
/// Captures an authorization, once. A racing void or a second capture changes the same payment row (its version),
/// so only one of them commits; the executor reruns the loser, which then sees the winner's state.
/// </summary>
public sealed class CapturePaymentHandler(PaymentDbContext db, TimeProvider time)
{
    private const string Entity = "payment for order";

    public async Task<Contracts.Payment.V1.Payment> HandleAsync(CapturePaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payment = await db.Payments.FindByOrderAsync(request.OrderId, cancellationToken)
            ?? throw ServiceErrors.NotFound(Entity, request.OrderId);

        switch (payment.State)
        {
            case PaymentState.Captured:
                // Never a second capture, whatever the key or amount: the first one stands.
                return PaymentMapper.ToContract(payment);
            case PaymentState.Voided or PaymentState.Refunded:
                throw ServiceErrors.IllegalTransition(
                    Entity, request.OrderId, PaymentMapper.StatusName(payment.State), PaymentMapper.StatusName(PaymentState.Captured));
        }

        payment.Capture(AmountToCapture(payment, request.Amount), time.GetUtcNow().UtcDateTime);
        return PaymentMapper.ToContract(payment);
    }

    /// <summary>The whole authorization when no amount is given; otherwise the amount, if its currency and size fit.</summary>
    private static long AmountToCapture(OrderPayment payment, Contracts.Common.V1.Money? requested)
    {
        if (requested is null)
        {
            return payment.AuthorizedMinor;
        }

        if (requested.Currency != payment.Currency)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.CurrencyMismatch,
                $"the authorization is in {payment.Currency}, the capture asks for {requested.Currency}",
                [new("authorized_currency", payment.Currency ?? string.Empty), new("requested_currency", requested.Currency)],
                StatusCode.InvalidArgument);
        }

        if (requested.AmountMinor > payment.AuthorizedMinor)
        {
            throw ServiceErrors.InvalidArgument(
            [
                new BadRequest.Types.FieldViolation
                {
                    Field = "amount.amount_minor",
                    Description = $"must be at most the authorized amount {payment.AuthorizedMinor}",
                },
            ]);
        }

        return requested.AmountMinor;
    }
}

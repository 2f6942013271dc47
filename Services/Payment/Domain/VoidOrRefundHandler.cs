using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Grpc;
using FoodDelivery.Payment.Persistence;

namespace FoodDelivery.Payment.Domain;

/// <summary>
/// The saga's compensation for the payment step: undoes whatever the order's payment reached, and is a safe no-op
/// (under any key) once it is undone. When nothing was ever authorized it leaves a tombstone, so an authorization
/// still travelling in the network cannot charge an order the saga already gave up.
/// </summary>
public sealed class VoidOrRefundHandler(PaymentDbContext db, TimeProvider time)
{
    public async Task<VoidOrRefundResponse> HandleAsync(VoidOrRefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason;
        var now = time.GetUtcNow();
        var payment = await db.Payments.FindByOrderAsync(request.OrderId, cancellationToken);

        VoidOrRefundOutcome outcome;
        if (payment is null)
        {
            payment = OrderPayment.CreateTombstone(Guid.CreateVersion7(now), request.OrderId, reason, now.UtcDateTime);
            db.Payments.Add(payment);
            outcome = VoidOrRefundOutcome.NothingToUndo;
        }
        else
        {
            outcome = payment.State switch
            {
                // A tombstone still has nothing to undo: say so again rather than suggest money was ever held.
                _ when payment.Tombstone => VoidOrRefundOutcome.NothingToUndo,
                PaymentState.Voided or PaymentState.Refunded => VoidOrRefundOutcome.AlreadyUndone,
                PaymentState.Authorized => Undo(payment.Void, VoidOrRefundOutcome.Voided),
                PaymentState.Captured => Undo(payment.Refund, VoidOrRefundOutcome.Refunded),
                _ => throw new InvalidOperationException($"unknown payment state {payment.State}"),
            };
        }

        return new VoidOrRefundResponse { Outcome = outcome, Payment = PaymentMapper.ToContract(payment) };

        VoidOrRefundOutcome Undo(Action<string?, DateTime> undo, VoidOrRefundOutcome result)
        {
            undo(reason, now.UtcDateTime);
            return result;
        }
    }
}

using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Payment.Persistence;

/// <summary>
/// The payment of one order (at most one per order id) and its ledger. The amounts authorized, captured and refunded
/// are never stored here: they are sums over <see cref="Ledger"/>, so the two can never disagree.
/// <para>
/// The methods below are the only way to change a payment; each appends the matching ledger entry and guards the money
/// invariants (one capture at most, never a refund above what was captured). Callers check the state first and
/// refuse politely; the guards here throw only on a programming error.
/// </para>
/// </summary>
public sealed class OrderPayment : IVersioned
{
    private readonly List<LedgerEntry> _ledger = [];

    // For EF Core.
    private OrderPayment()
    {
    }

    private OrderPayment(Guid id, string orderId, DateTime now)
    {
        Id = id;
        OrderId = orderId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public string OrderId { get; private set; } = string.Empty;

    /// <summary>Null on a tombstone (nobody ever paid).</summary>
    public string? CustomerId { get; private set; }

    /// <summary>ISO 4217 code of every ledger amount; null on a tombstone (no money, so no currency).</summary>
    public string? Currency { get; private set; }

    public PaymentState State { get; private set; }

    /// <summary>
    /// True when the payment was undone before anything was authorized: the record exists only to refuse a late
    /// authorization for an order the saga already gave up.
    /// </summary>
    public bool Tombstone { get; private set; }

    /// <summary>Why the payment was voided or refunded (the first undo's reason).</summary>
    public string? UndoReason { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public long Version { get; set; }

    public IReadOnlyCollection<LedgerEntry> Ledger => _ledger;

    public long AuthorizedMinor => SumOf(MovementKind.Authorization);

    public long CapturedMinor => SumOf(MovementKind.Capture);

    public long RefundedMinor => SumOf(MovementKind.Refund);

    /// <summary>Money that moved from the customer: captured minus refunded. Authorizations and voids move none.</summary>
    public long NetMinor => CapturedMinor - RefundedMinor;

    public static OrderPayment Authorize(Guid id, string orderId, string customerId, long amountMinor, string currency, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        var payment = new OrderPayment(id, orderId, now)
        {
            CustomerId = customerId,
            Currency = currency,
            State = PaymentState.Authorized,
        };
        payment.Append(MovementKind.Authorization, amountMinor, now);
        return payment;
    }

    /// <summary>A payment that never held money, left by an undo that found nothing to undo.</summary>
    public static OrderPayment CreateTombstone(Guid id, string orderId, string? reason, DateTime now) =>
        new(id, orderId, now) { State = PaymentState.Voided, Tombstone = true, UndoReason = reason };

    public void Capture(long amountMinor, DateTime now)
    {
        Require(PaymentState.Authorized, "capture");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amountMinor, AuthorizedMinor);
        Append(MovementKind.Capture, amountMinor, now);
        State = PaymentState.Captured;
    }

    /// <summary>Releases the whole authorization; no money moved, so none comes back.</summary>
    public void Void(string? reason, DateTime now)
    {
        Require(PaymentState.Authorized, "void");
        Append(MovementKind.Void, AuthorizedMinor, now);
        State = PaymentState.Voided;
        UndoReason = reason;
    }

    /// <summary>Gives back everything captured and not yet refunded.</summary>
    public void Refund(string? reason, DateTime now)
    {
        Require(PaymentState.Captured, "refund");
        var refundable = CapturedMinor - RefundedMinor;
        if (refundable <= 0)
        {
            throw new InvalidOperationException($"payment {Id} has nothing left to refund");
        }

        Append(MovementKind.Refund, refundable, now);
        State = PaymentState.Refunded;
        UndoReason = reason;
    }

    private void Append(MovementKind kind, long amountMinor, DateTime now)
    {
        _ledger.Add(new LedgerEntry(_ledger.Count + 1, kind, amountMinor, now));
        UpdatedAt = now;
    }

    private void Require(PaymentState expected, string action)
    {
        if (State != expected || Tombstone)
        {
            throw new InvalidOperationException($"cannot {action} payment {Id} in state {State}");
        }
    }

    private long SumOf(MovementKind kind) => _ledger.Where(e => e.Kind == kind).Sum(e => e.AmountMinor);
}

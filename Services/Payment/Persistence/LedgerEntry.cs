namespace FoodDelivery.Payment.Persistence;

/// <summary>
/// One movement on an order's payment, in the payment's currency. Entries are only ever appended, numbered 1, 2, 3...
/// per payment (a unique index on PaymentId + Sequence), so two writers can never both append the same step.
/// </summary>
public sealed class LedgerEntry
{
    // For EF Core.
    private LedgerEntry()
    {
    }

    internal LedgerEntry(int sequence, MovementKind kind, long amountMinor, DateTime at)
    {
        Sequence = sequence;
        Kind = kind;
        AmountMinor = amountMinor;
        At = at;
    }

    public long Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public int Sequence { get; private set; }

    public MovementKind Kind { get; private set; }

    /// <summary>Always positive; the kind says in which direction the money went.</summary>
    public long AmountMinor { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}

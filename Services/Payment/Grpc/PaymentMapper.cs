using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using Google.Protobuf.WellKnownTypes;
using ContractLedgerEntry = FoodDelivery.Contracts.Payment.V1.LedgerEntry;
using ContractPayment = FoodDelivery.Contracts.Payment.V1.Payment;

namespace FoodDelivery.Payment.Grpc;

/// <summary>Turns a stored payment into its wire form, including the amounts derived from the ledger.</summary>
public static class PaymentMapper
{
    public static ContractPayment ToContract(OrderPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var contract = new ContractPayment
        {
            PaymentId = payment.Id.ToString(),
            OrderId = payment.OrderId,
            CustomerId = payment.CustomerId ?? string.Empty,
            Status = ToContract(payment.State),
            Tombstone = payment.Tombstone,
            UpdatedAt = Timestamp.FromDateTime(payment.UpdatedAt),
        };

        // A tombstone never had money, hence no currency: its amounts stay unset rather than a made-up zero.
        if (payment.Currency is { } currency)
        {
            contract.Authorized = Money(payment.AuthorizedMinor, currency);
            contract.Captured = Money(payment.CapturedMinor, currency);
            contract.Refunded = Money(payment.RefundedMinor, currency);
            contract.Net = Money(payment.NetMinor, currency);
            contract.Ledger.AddRange(payment.Ledger.OrderBy(e => e.Sequence).Select(e => new ContractLedgerEntry
            {
                Sequence = e.Sequence,
                Kind = ToContract(e.Kind),
                Amount = Money(e.AmountMinor, currency),
                At = Timestamp.FromDateTime(e.At),
            }));
        }

        return contract;
    }

    /// <summary>The status as callers see it, e.g. "CAPTURED" (used in error messages and metadata).</summary>
    public static string StatusName(PaymentState state) => state.ToString().ToUpperInvariant();

    private static PaymentStatus ToContract(PaymentState state) => state switch
    {
        PaymentState.Authorized => PaymentStatus.Authorized,
        PaymentState.Captured => PaymentStatus.Captured,
        PaymentState.Voided => PaymentStatus.Voided,
        PaymentState.Refunded => PaymentStatus.Refunded,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static LedgerEntryKind ToContract(MovementKind kind) => kind switch
    {
        MovementKind.Authorization => LedgerEntryKind.Authorization,
        MovementKind.Capture => LedgerEntryKind.Capture,
        MovementKind.Void => LedgerEntryKind.Void,
        MovementKind.Refund => LedgerEntryKind.Refund,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Money Money(long amountMinor, string currency) => new() { AmountMinor = amountMinor, Currency = currency };
}

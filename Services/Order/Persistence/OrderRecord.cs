using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Order.Persistence;

/// <summary>
/// One order: who ordered what from whom, where it goes, and where it stands. <see cref="Version"/> guards the status
/// against two writers racing (a transition reads the status, checks the state machine, then writes).
/// </summary>
public sealed class OrderRecord : IVersioned
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public required string RestaurantId { get; init; }

    /// <summary>Sum of quantity * unit price over the lines, computed by the service, in minor units of <see cref="Currency"/>.</summary>
    public long TotalMinor { get; init; }

    /// <summary>ISO 4217 code shared by the total and every line's unit price.</summary>
    public required string Currency { get; init; }

    public OrderStatus Status { get; set; }

    public required string DeliveryStreet { get; init; }

    public required string DeliveryCity { get; init; }

    public required string DeliveryPostalCode { get; init; }

    public required string DeliveryCountry { get; init; }

    /// <summary>
    /// Fingerprint of the CreateOrder payload (everything but the idempotency key): a second CreateOrder for the same
    /// order id under another key is answered with this order only when its payload is identical.
    /// </summary>
    public required byte[] CreationFingerprint { get; init; }

    /// <summary>UTC; with <see cref="OrderId"/> the keyset of a customer's order list.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>UTC time of the last status change.</summary>
    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public List<OrderLineRecord> Lines { get; init; } = [];

    /// <summary>Every status change, the creation included; ordered by <see cref="StatusChangeRecord.Sequence"/>.</summary>
    public List<StatusChangeRecord> History { get; init; } = [];
}

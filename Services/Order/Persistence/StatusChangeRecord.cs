using FoodDelivery.Contracts.Order.V1;

namespace FoodDelivery.Order.Persistence;

/// <summary>
/// One step of an order's status history. (OrderId, Sequence) is the key, so two writers that both append "the next"
/// change to the same order collide instead of both succeeding.
/// </summary>
public sealed class StatusChangeRecord
{
    public required string OrderId { get; init; }

    /// <summary>1 for the creation (UNSPECIFIED to PENDING), then one more per transition.</summary>
    public int Sequence { get; init; }

    public OrderStatus From { get; init; }

    public OrderStatus To { get; init; }

    public required string Reason { get; init; }

    /// <summary>UTC.</summary>
    public DateTime At { get; init; }
}

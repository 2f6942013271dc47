using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Delivery.Domain;

/// <summary>
/// The one delivery record of an order (unique by <see cref="OrderId"/>): which courier carries it and how far it got.
/// A tombstone (<see cref="Tombstone"/>) is written when the order's assignment is cancelled before any courier was
/// assigned, so a late AssignCourier for that dead order is refused instead of taking a courier.
/// </summary>
public sealed class Assignment : IVersioned
{
    private Assignment()
    {
    }

    public long Id { get; private set; }

    public string OrderId { get; private set; } = "";

    /// <summary>Null on a tombstone.</summary>
    public string? CourierId { get; private set; }

    public AssignmentState Status { get; private set; }

    public bool Tombstone { get; private set; }

    /// <summary>Null on a tombstone.</summary>
    public StreetAddress? Pickup { get; private set; }

    /// <summary>Null on a tombstone.</summary>
    public StreetAddress? Dropoff { get; private set; }

    /// <summary>UTC; null on a tombstone.</summary>
    public DateTime? AssignedAt { get; private set; }

    /// <summary>UTC time of the last status change.</summary>
    public DateTime UpdatedAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public long Version { get; set; }

    /// <summary>True while the assignment holds a unit of its courier's capacity.</summary>
    public bool HoldsCapacity => Status is AssignmentState.Assigned or AssignmentState.PickedUp;

    /// <summary>Assigns <paramref name="courier"/> to the order, taking one unit of its capacity.</summary>
    public static Assignment Create(string orderId, Courier courier, StreetAddress pickup, StreetAddress dropoff, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(courier);
        courier.TakeOne();
        return new Assignment
        {
            OrderId = orderId,
            CourierId = courier.CourierId,
            Status = AssignmentState.Assigned,
            Pickup = pickup,
            Dropoff = dropoff,
            AssignedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A cancelled record for an order that never had a courier: it blocks a late assignment.</summary>
    public static Assignment CreateTombstone(string orderId, string? reason, DateTime now) =>
        new()
        {
            OrderId = orderId,
            Status = AssignmentState.Cancelled,
            Tombstone = true,
            UpdatedAt = now,
            CancellationReason = reason,
        };

    /// <summary>ASSIGNED -> CANCELLED, giving the courier's unit back. The caller checks the status first.</summary>
    public void Cancel(Courier courier, string? reason, DateTime now)
    {
        RequireStatus(AssignmentState.Assigned, AssignmentState.Cancelled);
        ReleaseCapacity(courier);
        Status = AssignmentState.Cancelled;
        CancellationReason = reason;
        UpdatedAt = now;
    }

    /// <summary>ASSIGNED -> PICKED_UP: the courier has the food; it keeps its unit until delivery.</summary>
    public void MarkPickedUp(DateTime now)
    {
        RequireStatus(AssignmentState.Assigned, AssignmentState.PickedUp);
        Status = AssignmentState.PickedUp;
        UpdatedAt = now;
    }

    /// <summary>PICKED_UP -> DELIVERED, giving the courier's unit back.</summary>
    public void MarkDelivered(Courier courier, DateTime now)
    {
        RequireStatus(AssignmentState.PickedUp, AssignmentState.Delivered);
        ReleaseCapacity(courier);
        Status = AssignmentState.Delivered;
        UpdatedAt = now;
    }

    private void ReleaseCapacity(Courier courier)
    {
        ArgumentNullException.ThrowIfNull(courier);
        if (courier.CourierId != CourierId)
        {
            throw new InvalidOperationException($"order '{OrderId}' is not carried by courier '{courier.CourierId}'");
        }

        courier.ReleaseOne();
    }

    private void RequireStatus(AssignmentState expected, AssignmentState target)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"order '{OrderId}' cannot go from {Status} to {target}");
        }
    }
}

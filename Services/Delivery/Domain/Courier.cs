using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Delivery.Domain;

/// <summary>
/// A courier who carries up to <see cref="Capacity"/> orders at once. <see cref="ActiveAssignments"/> counts the
/// courier's assignments that are ASSIGNED or PICKED_UP; it is guarded by the <see cref="Version"/> token so two
/// concurrent assignments cannot both take the last free unit.
/// </summary>
public sealed class Courier : IVersioned
{
    public required string CourierId { get; init; }

    public required string Name { get; set; }

    public int Capacity { get; set; }

    public int ActiveAssignments { get; private set; }

    public bool OnShift { get; set; }

    public long Version { get; set; }

    public int FreeCapacity => Capacity - ActiveAssignments;

    /// <summary>Takes one unit of capacity for a new assignment.</summary>
    public void TakeOne()
    {
        if (ActiveAssignments >= Capacity)
        {
            throw new InvalidOperationException($"courier '{CourierId}' is already at capacity {Capacity}");
        }

        ActiveAssignments++;
    }

    /// <summary>Gives back the unit an assignment held (it was cancelled or delivered).</summary>
    public void ReleaseOne()
    {
        if (ActiveAssignments <= 0)
        {
            throw new InvalidOperationException($"courier '{CourierId}' has no active assignment to release");
        }

        ActiveAssignments--;
    }
}

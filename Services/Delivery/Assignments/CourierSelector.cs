using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Delivery.Assignments;

/// <summary>
/// Chooses the courier for a new assignment: on shift, with free capacity, the most free capacity first (spreads the
/// load), ties broken by id so the choice is deterministic.
/// </summary>
public sealed class CourierSelector(DeliveryDbContext db)
{
    /// <summary>The chosen courier, tracked so its capacity can be taken; null when nobody is free.</summary>
    public Task<Courier?> PickAsync(CancellationToken cancellationToken) =>
        db.Couriers
            .Where(c => c.OnShift && c.ActiveAssignments < c.Capacity)
            .OrderByDescending(c => c.Capacity - c.ActiveAssignments)
            .ThenBy(c => c.CourierId)
            .FirstOrDefaultAsync(cancellationToken);
}

using FoodDelivery.Restaurant.Domain;
using FoodDelivery.Restaurant.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Reservations;

/// <summary>
/// The saga's compensation for ReserveItems: gives the order's stock back. Safe to repeat and safe to run first.
/// <list type="bullet">
/// <item>HELD: held stock goes back to available.</item>
/// <item>CONFIRMED: the restaurant already accepted, but a later step failed (e.g. no courier), so the order is
/// cancelled and its consumed stock goes back to available too.</item>
/// <item>RELEASED or EXPIRED: nothing left to give back; a no-op.</item>
/// <item>No reservation at all: the reserve never ran (or is still on its way), so a tombstone is written and the
/// late reserve will be refused.</item>
/// </list>
/// </summary>
public sealed class ReservationReleaser(RestaurantDbContext db, TimeProvider time)
{
    public async Task<ReleaseOutcome> ReleaseAsync(string orderId, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reservation = await db.Reservations.FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (reservation is null)
        {
            var tombstone = Reservation.NewTombstone(orderId, reason, now);
            db.Reservations.Add(tombstone);
            return new ReleaseOutcome(tombstone, Released: false);
        }

        return new ReleaseOutcome(reservation, reservation.Release(reason, now));
    }
}

/// <summary>The order's reservation after the release, and whether this release gave stock back.</summary>
public sealed record ReleaseOutcome(Reservation Reservation, bool Released);

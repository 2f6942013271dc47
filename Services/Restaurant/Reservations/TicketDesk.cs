using FoodDelivery.Restaurant.Domain;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Reservations;

/// <summary>The restaurant's answer to an order's ticket: accept (consume the held stock) or reject (give it back).</summary>
public sealed class TicketDesk(RestaurantDbContext db, TimeProvider time)
{
    /// <summary>
    /// HELD -> CONFIRMED. Repeating an acceptance returns the confirmed reservation. A hold whose time is up is
    /// expired right here (even if the sweeper has not run yet) and refused with HOLD_EXPIRED, so an order never
    /// proceeds on stock it no longer holds.
    /// </summary>
    public async Task<Reservation> AcceptAsync(string orderId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reservation = await FindAsync(orderId, cancellationToken);
        switch (reservation.Status)
        {
            case ReservationStatus.Confirmed:
                return reservation;
            case ReservationStatus.Held when reservation.IsDueToExpire(now):
                reservation.Expire(now);

                // The executor discards unsaved changes when the request is refused; the expiry must survive the refusal.
                await db.SaveChangesAsync(cancellationToken);
                throw RestaurantErrors.HoldExpired(orderId);
            case ReservationStatus.Held:
                reservation.Confirm(now);
                return reservation;
            case ReservationStatus.Expired:
                throw RestaurantErrors.HoldExpired(orderId);
            default:
                throw ServiceErrors.IllegalTransition("reservation for order", orderId, "RELEASED", "CONFIRMED");
        }
    }

    /// <summary>
    /// HELD -> RELEASED with the stock back. Repeating it, or rejecting a hold that already expired or was released,
    /// changes nothing. An accepted ticket can no longer be rejected (the saga cancels the order instead).
    /// </summary>
    public async Task<Reservation> RejectAsync(string orderId, string? reason, CancellationToken cancellationToken)
    {
        var reservation = await FindAsync(orderId, cancellationToken);
        if (reservation.Status == ReservationStatus.Confirmed)
        {
            throw ServiceErrors.IllegalTransition("reservation for order", orderId, "CONFIRMED", "RELEASED");
        }

        reservation.Release(reason, time.GetUtcNow().UtcDateTime);
        return reservation;
    }

    private async Task<Reservation> FindAsync(string orderId, CancellationToken cancellationToken) =>
        await db.Reservations.FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken)
        ?? throw RestaurantErrors.ReservationNotFound(orderId);
}

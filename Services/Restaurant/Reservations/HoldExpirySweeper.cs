using FoodDelivery.Restaurant.Domain;
using FoodDelivery.Restaurant.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Restaurant.Reservations;

/// <summary>
/// Expires HELD reservations whose time is up and gives their stock back. Each reservation is expired in its own
/// save, guarded by the versions of the reservation and its stock rows: when an acceptance, a release or another
/// sweep changed them first, the reservation is re-read and skipped unless it is still due.
/// </summary>
public sealed partial class HoldExpirySweeper(
    RestaurantDbContext db, TimeProvider time, IOptions<RestaurantOptions> options, ILogger<HoldExpirySweeper> logger)
{
    private const int MaxAttemptsPerReservation = 5;

    /// <summary>Expires every hold that is due now; returns how many this call expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var batchSize = Math.Max(1, options.Value.ExpirySweepBatchSize);
        var expired = 0;
        long afterId = 0;
        while (true)
        {
            // Paging by id (not by "still held") so that a reservation skipped under contention cannot loop forever.
            var due = await db.Reservations.AsNoTracking()
                .Where(r => r.Id > afterId && r.Status == ReservationStatus.Held && r.ExpiresAt <= now)
                .OrderBy(r => r.Id)
                .Select(r => r.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                if (await TryExpireAsync(id, now, cancellationToken))
                {
                    expired++;
                }
            }

            if (due.Count < batchSize)
            {
                return expired;
            }

            afterId = due[^1];
        }
    }

    private async Task<bool> TryExpireAsync(long reservationId, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttemptsPerReservation; attempt++)
        {
            db.ChangeTracker.Clear();
            var reservation = await db.Reservations.FirstOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
            if (reservation is null || !reservation.IsDueToExpire(now))
            {
                return false; // accepted, released or expired by someone else meanwhile
            }

            reservation.Expire(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The reservation or one of its stock rows changed since we read it: read again.
            }
        }

        LogGaveUp(logger, reservationId, MaxAttemptsPerReservation);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation {ReservationId} stayed contended for {Attempts} attempts; the next sweep retries it")]
    private static partial void LogGaveUp(ILogger logger, long reservationId, int attempts);
}

using FoodDelivery.Restaurant.Domain;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Restaurant.Reservations;

/// <summary>
/// Holds stock for an order, all lines or none. Runs inside the idempotent executor's transaction: the reservation
/// and the stock moves are saved with the stored outcome, and a lost race on a stock row's version starts over.
/// </summary>
public sealed class StockReserver(RestaurantDbContext db, TimeProvider time, IOptions<RestaurantOptions> options)
{
    public async Task<Reservation> ReserveAsync(
        string orderId, string restaurantId, IReadOnlyList<(string ItemId, int Quantity)> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var existing = await db.Reservations.FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (existing is not null)
        {
            return ExistingOutcome(existing, restaurantId, items);
        }

        if (!await db.Restaurants.AnyAsync(r => r.Id == restaurantId, cancellationToken))
        {
            throw ServiceErrors.NotFound("restaurant", restaurantId);
        }

        var itemIds = items.Select(i => i.ItemId).ToList();
        var menu = await db.MenuItems.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);

        var unavailable = items
            .Where(i => !menu.TryGetValue(i.ItemId, out var item) || !item.Active || item.RestaurantId != restaurantId)
            .Select(i => i.ItemId)
            .ToList();
        if (unavailable.Count > 0)
        {
            throw RestaurantErrors.ItemUnavailable(unavailable);
        }

        var outOfStock = items.Where(i => !menu[i.ItemId].CanHold(i.Quantity)).Select(i => i.ItemId).ToList();
        if (outOfStock.Count > 0)
        {
            throw RestaurantErrors.OutOfStock(outOfStock);
        }

        var currencies = items.Select(i => menu[i.ItemId].Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
        {
            throw RestaurantErrors.CurrencyMismatch(currencies);
        }

        var reservation = Reservation.Hold(
            orderId,
            restaurantId,
            items.Select(i => (menu[i.ItemId], i.Quantity)).ToList(),
            time.GetUtcNow().UtcDateTime,
            options.Value.HoldDuration);
        db.Reservations.Add(reservation);
        return reservation;
    }

    // The order already has a reservation: never a second hold for the same order.
    private static Reservation ExistingOutcome(
        Reservation existing, string restaurantId, IReadOnlyList<(string ItemId, int Quantity)> items)
    {
        if (!existing.IsActive)
        {
            // Released (maybe before it was ever reserved: a tombstone) or expired: the order is dead.
            throw RestaurantErrors.ReservationReleased(existing.OrderId);
        }

        return existing.HoldsExactly(restaurantId, items)
            ? existing
            : throw RestaurantErrors.AlreadyReserved(existing.OrderId);
    }
}

using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Restaurant.Domain;

/// <summary>
/// The stock hold of one order (at most one per order id) and its life: HELD, then CONFIRMED by the restaurant,
/// or RELEASED / EXPIRED with the stock given back. Every transition moves the stock of all its lines at once, so
/// the lines' menu items must be loaded. A tombstone is a RELEASED reservation without lines, written when a release
/// arrives before any reserve so that the late reserve is refused.
/// </summary>
public sealed class Reservation : IVersioned
{
    public long Id { get; init; }

    public required string OrderId { get; init; }

    /// <summary>Null for a tombstone: nothing was ever reserved.</summary>
    public string? RestaurantId { get; init; }

    public ReservationStatus Status { get; private set; }

    public bool Tombstone { get; init; }

    /// <summary>When a HELD reservation expires (UTC); null for a tombstone.</summary>
    public DateTime? ExpiresAt { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Why the reservation was released, when the caller said.</summary>
    public string? Reason { get; private set; }

    public List<ReservationLine> Lines { get; init; } = [];

    public long Version { get; set; }

    /// <summary>Holds the stock of every line for an order; the caller has checked that all of it is available.</summary>
    public static Reservation Hold(
        string orderId, string restaurantId, IReadOnlyList<(MenuItem Item, int Quantity)> lines, DateTime now, TimeSpan holdFor)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var reservation = new Reservation
        {
            OrderId = orderId,
            RestaurantId = restaurantId,
            Status = ReservationStatus.Held,
            ExpiresAt = now + holdFor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (item, quantity) in lines)
        {
            item.Hold(quantity);
            reservation.Lines.Add(new ReservationLine
            {
                MenuItemId = item.Id,
                ItemName = item.Name,
                Quantity = quantity,
                UnitPriceMinor = item.PriceMinor,
                Currency = item.Currency,
                MenuItem = item,
            });
        }

        return reservation;
    }

    /// <summary>A release that found nothing to release: remembered so that a late reserve for the order is refused.</summary>
    public static Reservation NewTombstone(string orderId, string? reason, DateTime now) => new()
    {
        OrderId = orderId,
        Status = ReservationStatus.Released,
        Tombstone = true,
        CreatedAt = now,
        UpdatedAt = now,
        Reason = reason,
    };

    /// <summary>True when the order's stock is (still) committed to it: HELD or CONFIRMED.</summary>
    public bool IsActive => Status is ReservationStatus.Held or ReservationStatus.Confirmed;

    /// <summary>A HELD reservation whose time is up, whether or not the sweeper has seen it yet.</summary>
    public bool IsDueToExpire(DateTime now) => Status == ReservationStatus.Held && ExpiresAt <= now;

    /// <summary>True when this reservation holds exactly these item quantities (order of lines ignored).</summary>
    public bool HoldsExactly(string restaurantId, IEnumerable<(string ItemId, int Quantity)> items)
    {
        var requested = items.OrderBy(i => i.ItemId, StringComparer.Ordinal).ToList();
        var held = Lines.Select(l => (ItemId: l.MenuItemId, l.Quantity)).OrderBy(i => i.ItemId, StringComparer.Ordinal);
        return RestaurantId == restaurantId && held.SequenceEqual(requested);
    }

    /// <summary>HELD -> CONFIRMED: the held stock is consumed.</summary>
    public void Confirm(DateTime now)
    {
        EnsureStatus(ReservationStatus.Held, ReservationStatus.Confirmed);
        foreach (var line in Lines)
        {
            line.MenuItem.ConsumeHeld(line.Quantity);
        }

        MoveTo(ReservationStatus.Confirmed, now);
    }

    /// <summary>
    /// HELD or CONFIRMED -> RELEASED, giving back whatever stock the reservation has (held or consumed).
    /// Returns false, changing nothing, when it has none left (already released or expired).
    /// </summary>
    public bool Release(string? reason, DateTime now)
    {
        switch (Status)
        {
            case ReservationStatus.Held:
                Lines.ForEach(line => line.MenuItem.ReturnHeld(line.Quantity));
                break;
            case ReservationStatus.Confirmed:
                Lines.ForEach(line => line.MenuItem.ReturnConsumed(line.Quantity));
                break;
            default:
                return false;
        }

        Reason = reason;
        MoveTo(ReservationStatus.Released, now);
        return true;
    }

    /// <summary>HELD -> EXPIRED: the held stock goes back.</summary>
    public void Expire(DateTime now)
    {
        EnsureStatus(ReservationStatus.Held, ReservationStatus.Expired);
        Lines.ForEach(line => line.MenuItem.ReturnHeld(line.Quantity));
        MoveTo(ReservationStatus.Expired, now);
    }

    /// <summary>The amount of the whole reservation, in minor units of its lines' currency.</summary>
    public long TotalMinor => Lines.Sum(l => l.UnitPriceMinor * l.Quantity);

    private void MoveTo(ReservationStatus status, DateTime now)
    {
        Status = status;
        UpdatedAt = now;
    }

    // The services check the status first and refuse with a business reason; getting here is a bug.
    private void EnsureStatus(ReservationStatus expected, ReservationStatus target)
    {
        if (Status != expected)
        {
            throw new InvalidOperationException($"reservation for order '{OrderId}' cannot go from {Status} to {target}");
        }
    }
}

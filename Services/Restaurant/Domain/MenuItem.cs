using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Restaurant.Domain;

/// <summary>
/// A dish on a restaurant's menu, its price and its stock. Stock only moves between the three buckets, so
/// <c>InitialStock = Available + Held + Consumed</c> always holds and no bucket goes negative (the database checks
/// both too). The row is versioned: two requests that read the same stock cannot both take it.
/// </summary>
public sealed class MenuItem : IVersioned
{
    public required string Id { get; init; }

    public required string RestaurantId { get; init; }

    public required string Name { get; set; }

    /// <summary>Unit price in minor units of <see cref="Currency"/> (cents for EUR).</summary>
    public long PriceMinor { get; set; }

    /// <summary>ISO 4217 code, e.g. EUR.</summary>
    public required string Currency { get; set; }

    /// <summary>An inactive item stays on the menu but cannot be reserved.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Units that can still be reserved.</summary>
    public int Available { get; private set; }

    /// <summary>Units held by reservations that are not accepted yet.</summary>
    public int Held { get; private set; }

    /// <summary>Units consumed by accepted reservations.</summary>
    public int Consumed { get; private set; }

    /// <summary>Units the item started with.</summary>
    public int InitialStock { get; private set; }

    public long Version { get; set; }

    /// <summary>A new item with all of its stock available.</summary>
    public static MenuItem Create(
        string id, string restaurantId, string name, long priceMinor, string currency, int stock, bool active = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        return new MenuItem
        {
            Id = id,
            RestaurantId = restaurantId,
            Name = name,
            PriceMinor = priceMinor,
            Currency = currency,
            Active = active,
            Available = stock,
            InitialStock = stock,
        };
    }

    /// <summary>True when this many units can be reserved now.</summary>
    public bool CanHold(int quantity) => Active && Available >= quantity;

    /// <summary>Available -> Held.</summary>
    public void Hold(int quantity)
    {
        EnsureCanTake(quantity, Available, nameof(Available));
        Available -= quantity;
        Held += quantity;
    }

    /// <summary>Held -> Available (release, rejection, expiry).</summary>
    public void ReturnHeld(int quantity)
    {
        EnsureCanTake(quantity, Held, nameof(Held));
        Held -= quantity;
        Available += quantity;
    }

    /// <summary>Held -> Consumed (the restaurant accepted).</summary>
    public void ConsumeHeld(int quantity)
    {
        EnsureCanTake(quantity, Held, nameof(Held));
        Held -= quantity;
        Consumed += quantity;
    }

    /// <summary>Consumed -> Available (an accepted order compensated after a later step failed).</summary>
    public void ReturnConsumed(int quantity)
    {
        EnsureCanTake(quantity, Consumed, nameof(Consumed));
        Consumed -= quantity;
        Available += quantity;
    }

    // Callers check stock before moving it; getting here with too little is a bug, not a business refusal.
    private void EnsureCanTake(int quantity, int bucket, string bucketName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (bucket < quantity)
        {
            throw new InvalidOperationException($"item '{Id}': cannot take {quantity} from {bucketName} ({bucket})");
        }
    }
}

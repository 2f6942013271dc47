namespace FoodDelivery.Restaurant.Domain;

/// <summary>One item of a reservation, with the name and unit price it had when it was reserved.</summary>
public sealed class ReservationLine
{
    public long ReservationId { get; init; }

    public required string MenuItemId { get; init; }

    public required string ItemName { get; init; }

    public int Quantity { get; init; }

    public long UnitPriceMinor { get; init; }

    public required string Currency { get; init; }

    /// <summary>The stock row this line holds units of (loaded whenever stock moves).</summary>
    public MenuItem MenuItem { get; init; } = null!;
}

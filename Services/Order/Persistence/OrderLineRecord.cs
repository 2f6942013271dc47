namespace FoodDelivery.Order.Persistence;

/// <summary>One menu item of an order, priced when the order was recorded (the menu may change later).</summary>
public sealed class OrderLineRecord
{
    public required string OrderId { get; init; }

    /// <summary>Position of the line in the request (1-based), so an order reads back exactly as it was placed.</summary>
    public int LineNumber { get; init; }

    public required string ItemId { get; init; }

    public required string Name { get; init; }

    public int Quantity { get; init; }

    /// <summary>In minor units of the order's currency.</summary>
    public long UnitPriceMinor { get; init; }
}

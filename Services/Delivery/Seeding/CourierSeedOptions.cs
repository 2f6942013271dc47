namespace FoodDelivery.Delivery.Seeding;

/// <summary>
/// How many couriers the seeder makes sure exist, and their capacity. Bound from "Delivery:Seed"; tests and demos make
/// couriers scarce with e.g. CourierCount=1, CourierCapacity=1.
/// </summary>
public sealed class CourierSeedOptions
{
    public const string SectionName = "Delivery:Seed";

    /// <summary>Couriers "courier-1" to "courier-{CourierCount}".</summary>
    public int CourierCount { get; set; } = 5;

    /// <summary>Orders each seeded courier carries at once.</summary>
    public int CourierCapacity { get; set; } = 2;
}

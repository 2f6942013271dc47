namespace FoodDelivery.Restaurant;

/// <summary>Tunable behaviour of the restaurant service, bound from the "Restaurant" configuration section.</summary>
public sealed class RestaurantOptions
{
    public const string SectionName = "Restaurant";

    /// <summary>
    /// How long a stock hold lasts before it expires and its stock comes back. Longer than the saga's acceptance
    /// deadline, so an order that is still waiting for the restaurant never loses its stock underneath it.
    /// </summary>
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the background sweeper looks for expired holds.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many expired holds the sweeper loads at a time.</summary>
    public int ExpirySweepBatchSize { get; set; } = 100;
}

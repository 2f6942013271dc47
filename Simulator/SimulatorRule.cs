namespace FoodDelivery.Simulator;

/// <summary>
/// A configured rule: orders whose customer id starts with <see cref="CustomerIdPrefix"/> and/or that go to
/// <see cref="RestaurantId"/> get <see cref="Behaviour"/>. E.g. <c>Simulator:Rules:0:CustomerIdPrefix=reject-</c>,
/// <c>Simulator:Rules:0:Behaviour=RejectAtRestaurant</c>, <c>Simulator:Rules:0:Reason=kitchen closed</c>.
/// </summary>
public sealed class SimulatorRule
{
    /// <summary>Matches customer ids starting with this text (case-sensitive); empty: any customer.</summary>
    public string? CustomerIdPrefix { get; set; }

    /// <summary>Matches this restaurant id exactly; empty: any restaurant.</summary>
    public string? RestaurantId { get; set; }

    public SimulatedBehaviour Behaviour { get; set; } = SimulatedBehaviour.Normal;

    /// <summary>The rejection reason (RejectAtRestaurant only).</summary>
    public string? Reason { get; set; }

    public bool Matches(string customerId, string restaurantId) =>
        (string.IsNullOrEmpty(CustomerIdPrefix) || customerId.StartsWith(CustomerIdPrefix, StringComparison.Ordinal))
        && (string.IsNullOrEmpty(RestaurantId) || restaurantId == RestaurantId);

    public override string ToString() =>
        $"customer '{CustomerIdPrefix}*' restaurant '{RestaurantId}' -> {Behaviour}";
}

namespace FoodDelivery.Restaurant.Domain;

/// <summary>
/// A restaurant and its pickup address. Named with a suffix because "Restaurant" is also this service's namespace and
/// the wire message's name.
/// </summary>
public sealed class RestaurantEntity
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string Street { get; set; }

    public required string City { get; set; }

    public required string PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; set; }

    public List<MenuItem> MenuItems { get; init; } = [];
}

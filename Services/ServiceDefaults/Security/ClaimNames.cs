namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>The JWT claims our tokens carry, by their names on the wire (no mapping to .NET's long claim URIs).</summary>
public static class ClaimNames
{
    /// <summary>Who the token is for: a customer id, a courier id, an operator's or a service's name.</summary>
    public const string Subject = "sub";

    /// <summary>One claim per role, see <see cref="Roles"/>.</summary>
    public const string Role = "role";

    /// <summary>A restaurant a restaurant token speaks for (one claim per restaurant).</summary>
    public const string RestaurantId = "restaurant_id";
}

using FoodDelivery.ServiceDefaults.Security;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>A party named with --as (customer:C-1, restaurant:rest-pizzeria, courier:courier-1, operator): its development token.</summary>
public sealed record DevelopmentIdentity(string Role, string Id)
{
    public static bool TryParse(string text, out DevelopmentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        var role = parts[0].Trim().ToLowerInvariant();
        var id = parts.Length == 2 ? parts[1].Trim() : string.Empty;
        identity = new DevelopmentIdentity(role, id);
        return role switch
        {
            Roles.Operator => true,
            Roles.Customer or Roles.Restaurant or Roles.Courier => id.Length > 0,
            _ => false,
        };
    }

    public string Token(DevelopmentTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Role switch
        {
            Roles.Customer => tokens.Customer(Id),
            Roles.Restaurant => tokens.Restaurant(Id),
            Roles.Courier => tokens.Courier(Id),
            _ => Id.Length > 0 ? tokens.Operator(Id) : tokens.Operator(),
        };
    }
}

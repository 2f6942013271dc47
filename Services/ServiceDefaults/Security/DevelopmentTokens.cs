using Microsoft.Extensions.Configuration;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// Mints the tokens each party would get from a real identity provider, signed with the configured (by default the
/// public development) keys: for the CLI, the simulator, the benchmark, LocalStack and tests. Anyone holding the
/// signing keys can do this, which is why the development keys are refused in Production.
/// </summary>
public sealed class DevelopmentTokens(ResolvedAuth authorities)
{
    /// <summary>Tokens signed with the public development keys (what every service accepts when nothing is configured).</summary>
    public static DevelopmentTokens Default { get; } = new(new AuthOptions().Resolve(isProduction: false));

    public ResolvedAuth Authorities { get; } = authorities ?? throw new ArgumentNullException(nameof(authorities));

    /// <summary>Tokens signed with the keys of the "Auth" section of <paramref name="configuration"/> (development defaults for gaps).</summary>
    public static DevelopmentTokens From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        return new DevelopmentTokens(options.Resolve(isProduction: false));
    }

    /// <summary>A customer's token: places, reads, watches and cancels the orders of <paramref name="customerId"/>.</summary>
    public string Customer(string customerId) => Client(customerId, Roles.Customer);

    /// <summary>A restaurant tablet's token for the given restaurants (the first is also the subject).</summary>
    public string Restaurant(params string[] restaurantIds)
    {
        ArgumentNullException.ThrowIfNull(restaurantIds);
        if (restaurantIds.Length == 0)
        {
            throw new ArgumentException("name at least one restaurant", nameof(restaurantIds));
        }

        return TokenIssuer.Issue(
            Authorities.Clients,
            restaurantIds[0],
            [Roles.Restaurant],
            restaurantIds.Select(id => new KeyValuePair<string, string>(ClaimNames.RestaurantId, id)));
    }

    /// <summary>A courier's token: reports pickup and delivery of the orders assigned to <paramref name="courierId"/>.</summary>
    public string Courier(string courierId) => Client(courierId, Roles.Courier);

    public string Operator(string name = "operator") => Client(name, Roles.Operator);

    /// <summary>The saga worker's service identity (internal audience, role orchestrator).</summary>
    public string Orchestrator() => TokenIssuer.Issue(Authorities.Internal, "orchestrator", [Roles.Orchestrator]);

    /// <summary>Another service's identity (internal audience, role service): internal reads only.</summary>
    public string Service(string name) => TokenIssuer.Issue(Authorities.Internal, name, [Roles.Service]);

    private string Client(string subject, string role) => TokenIssuer.Issue(Authorities.Clients, subject, [role]);
}

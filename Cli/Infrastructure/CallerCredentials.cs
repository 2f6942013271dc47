using FoodDelivery.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>
/// Who the CLI calls as. With --token (or FOODDELIVERY_TOKEN): that token on every call. With --as ROLE:ID: a
/// development token for that party. Otherwise a development token inferred per command: `order place --customer C`
/// is customer C, `restaurant accept --restaurant R` restaurant R, `courier pickup --courier K` courier K, and
/// commands that name only an order (status, watch, cancel) or answer for operators run as an operator. Development
/// tokens are signed with the public development keys, or with Auth__SigningKeys__0 from the environment.
/// </summary>
public static class CallerCredentials
{
    public static BearerTokenInterceptor For(GlobalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BearerToken is { } token)
        {
            return new BearerTokenInterceptor(token);
        }

        var tokens = DevelopmentTokens.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (settings.As is { } name && DevelopmentIdentity.TryParse(name, out var identity))
        {
            return new BearerTokenInterceptor(identity.Token(tokens));
        }

        return new DevelopmentCallers(tokens).Interceptor();
    }
}

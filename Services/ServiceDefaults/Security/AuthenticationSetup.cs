using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// The token validation of every service: one JwtBearer scheme per audience (client tokens, service identity), with
/// issuer, audience, signature and lifetime checked against the "Auth" section. Only the handlers are registered, no
/// middleware: <see cref="AuthorizationInterceptor"/> runs them per RPC, so each refusal is a gRPC status with a clear
/// message instead of a bare HTTP 401.
/// </summary>
public static class AuthenticationSetup
{
    public const string ClientScheme = "client-jwt";

    public const string InternalScheme = "internal-jwt";

    /// <summary>Registers both schemes; throws (the service does not start) on bad keys or missing keys in Production.</summary>
    public static ResolvedAuth AddFoodDeliveryAuthentication(this IServiceCollection services, IConfiguration configuration, bool isProduction)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var resolved = options.Resolve(isProduction);
        services.AddSingleton(resolved);
        services.AddHostedService<TokenValidationWarmUp>();
        services
            .AddAuthentication()
            .AddJwtBearer(ClientScheme, jwt => Configure(jwt, resolved.Clients))
            .AddJwtBearer(InternalScheme, jwt => Configure(jwt, resolved.Internal));
        return resolved;
    }

    public static string SchemeFor(TokenAudience audience) => audience == TokenAudience.Internal ? InternalScheme : ClientScheme;

    private static void Configure(JwtBearerOptions jwt, TokenAuthority authority)
    {
        // Claims keep their JWT names ("sub", "role"), as CallerIdentity reads them.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = authority.ValidationParameters();
        // Token lifetimes are wall-clock time, even where a test gives the service a fake business clock.
        jwt.TimeProvider = TimeProvider.System;
    }
}

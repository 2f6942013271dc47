using Microsoft.Extensions.Configuration;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// A service's own identity for calls to other services: a short-lived token of the internal authority (Auth:Internal),
/// minted from its signing key and renewed well before it expires. The orchestrator is "orchestrator"
/// (role <see cref="Roles.Orchestrator"/>); the Order service pricing from menus is "order" (role <see cref="Roles.Service"/>).
/// </summary>
public sealed class ServiceCredential(TokenAuthority authority, string subject, string role, TimeProvider? clock = null)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset Expires)? _current;

    /// <summary>The credential with the internal authority of <paramref name="configuration"/>'s "Auth" section.</summary>
    public static ServiceCredential From(IConfiguration configuration, string subject, string role)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ServiceCredential(DevelopmentTokens.From(configuration).Authorities.Internal, subject, role);
    }

    /// <summary>A valid token, minted again when the current one is close to expiring.</summary>
    public string Token()
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (_current is not { } current || current.Expires - now < RenewBefore)
            {
                current = (TokenIssuer.Issue(authority, subject, [role], lifetime: Lifetime, issuedAt: now), now + Lifetime);
                _current = current;
            }

            return current.Token;
        }
    }

    /// <summary>An interceptor that puts this credential on every call.</summary>
    public BearerTokenInterceptor Interceptor() => new(Token);
}

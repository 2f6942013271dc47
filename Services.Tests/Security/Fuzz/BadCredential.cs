using FoodDelivery.Contracts;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;

namespace FoodDelivery.Security.Tests.Fuzz;

/// <summary>The credentials a caller without the right to call an RPC can send, and the refusal each must get.</summary>
public enum BadCredentialKind
{
    /// <summary>No authorization metadata at all.</summary>
    None,

    /// <summary>Right audience and role, signed with the right key, expired an hour ago.</summary>
    Expired,

    /// <summary>A valid token of the other audience (a client token on an internal RPC, a service identity on a client RPC).</summary>
    WrongAudience,

    /// <summary>A valid token of the right audience whose role the RPC does not allow.</summary>
    WrongRole,

    /// <summary>A valid token with its signature changed, or a string that is no JWT at all.</summary>
    Forged,
}

/// <summary>Mints the bad credential of a kind for an RPC's access policy, with the keys the services check.</summary>
public sealed class BadCredentials(DevelopmentTokens tokens)
{
    private static readonly string[] AllRoles =
        [Roles.Customer, Roles.Restaurant, Roles.Courier, Roles.Operator, Roles.Orchestrator, Roles.Service];

    public static IReadOnlyList<BadCredentialKind> Kinds { get; } = Enum.GetValues<BadCredentialKind>();

    /// <summary>UNAUTHENTICATED for every kind but a wrong role, which is PERMISSION_DENIED.</summary>
    public static (StatusCode Code, string Reason) ExpectedRefusal(BadCredentialKind kind) => kind == BadCredentialKind.WrongRole
        ? (StatusCode.PermissionDenied, ErrorReasons.PermissionDenied)
        : (StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);

    /// <summary>The roles that <paramref name="policy"/> does not allow (what <see cref="BadCredentialKind.WrongRole"/> picks from).</summary>
    public static IReadOnlyList<string> RolesRefusedBy(AllowCallersAttribute policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. AllRoles.Except(policy.Roles)];
    }

    /// <summary>The authorization metadata of <paramref name="kind"/>; <paramref name="pick"/> chooses among alternatives.</summary>
    public Metadata Headers(BadCredentialKind kind, AllowCallersAttribute policy, int pick)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var own = policy.Audience == TokenAudience.Internal ? tokens.Authorities.Internal : tokens.Authorities.Clients;
        var other = policy.Audience == TokenAudience.Internal ? tokens.Authorities.Clients : tokens.Authorities.Internal;
        var allowed = policy.Roles.Count > 0 ? policy.Roles[pick % policy.Roles.Count] : Roles.Customer;
        var token = kind switch
        {
            BadCredentialKind.None => null,
            BadCredentialKind.Expired => TokenIssuer.Issue(
                own, "fuzz-caller", [allowed], lifetime: TimeSpan.FromHours(1), issuedAt: DateTimeOffset.UtcNow.AddHours(-2)),
            BadCredentialKind.WrongAudience => TokenIssuer.Issue(other, "fuzz-caller", [allowed]),
            BadCredentialKind.WrongRole => TokenIssuer.Issue(own, "fuzz-caller", [RolesRefusedBy(policy)[pick % RolesRefusedBy(policy).Count]]),
            _ => Forge(TokenIssuer.Issue(own, "fuzz-caller", [allowed]), pick),
        };
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add(BearerTokenInterceptor.HeaderName, "Bearer " + token);
        }

        return headers;
    }

    private static string Forge(string token, int pick) => (pick % 3) switch
    {
        // One signature character changed (not the last, whose low bits base64url may ignore): the signature no longer verifies.
        0 => token[..^10] + (token[^10] == 'A' ? 'B' : 'A') + token[^9..],
        // The payload of a valid token under another token's signature cannot be done without the key; "alg: none" is the classic try.
        1 => "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + token.Split('.')[1] + ".",
        _ => "not-a-jwt",
    };
}

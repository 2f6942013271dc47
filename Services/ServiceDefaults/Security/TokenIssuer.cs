using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>Mints signed JWTs for an authority: subject, roles, extra claims and a lifetime.</summary>
public static class TokenIssuer
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static string Issue(
        TokenAuthority authority,
        string subject,
        IEnumerable<string> roles,
        IEnumerable<KeyValuePair<string, string>>? claims = null,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(roles);
        var now = (issuedAt ?? DateTimeOffset.UtcNow).UtcDateTime;
        var identity = new ClaimsIdentity();
        identity.AddClaim(new Claim(ClaimNames.Subject, subject));
        identity.AddClaims(roles.Select(role => new Claim(ClaimNames.Role, role)));
        identity.AddClaims((claims ?? []).Select(claim => new Claim(claim.Key, claim.Value)));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = authority.Issuer,
            Audience = authority.Audience,
            Subject = identity,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = authority.SigningCredentials,
        });
    }
}

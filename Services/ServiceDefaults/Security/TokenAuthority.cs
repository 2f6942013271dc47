using Microsoft.IdentityModel.Tokens;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>One resolved authority: what a valid token of this kind must look like, and the keys to sign and check it.</summary>
public sealed class TokenAuthority
{
    /// <summary>HMAC-SHA256 wants a key of at least 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    public TokenAuthority(string issuer, string audience, IReadOnlyList<string> base64Keys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentNullException.ThrowIfNull(base64Keys);
        if (base64Keys.Count == 0)
        {
            throw new InvalidOperationException($"no signing key for the token audience '{audience}'");
        }

        Issuer = issuer;
        Audience = audience;
        Keys = [.. base64Keys.Select((key, index) => ParseKey(key, audience, index))];
    }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>Every key that validates; the first one also signs.</summary>
    public IReadOnlyList<SymmetricSecurityKey> Keys { get; }

    public SigningCredentials SigningCredentials => new(Keys[0], SecurityAlgorithms.HmacSha256);

    public static TokenAuthority From(TokenAuthorityOptions options, string issuer, string audience, string key)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TokenAuthority(
            string.IsNullOrWhiteSpace(options.Issuer) ? issuer : options.Issuer,
            string.IsNullOrWhiteSpace(options.Audience) ? audience : options.Audience,
            options.SigningKeys.Count == 0 ? [key] : [.. options.SigningKeys]);
    }

    /// <summary>Issuer, audience, signature and lifetime are all checked; claims keep their JWT names.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeys = Keys,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = ClaimNames.Subject,
        RoleClaimType = ClaimNames.Role,
    };

    private static SymmetricSecurityKey ParseKey(string base64, string audience, int index)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"signing key {index} of the token audience '{audience}' is not base64");
        }

        if (bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"signing key {index} of the token audience '{audience}' has {bytes.Length} bytes; at least {MinimumKeyBytes} are needed");
        }

        // A key id lets a validator pick the right key at once while two keys overlap during a rotation.
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 8)) };
    }
}

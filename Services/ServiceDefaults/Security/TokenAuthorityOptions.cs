namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// Who issues one kind of token and how it is checked: issuer, audience and the HMAC-SHA256 signing keys (base64,
/// at least 32 bytes). Tokens are signed with the first key; every key validates, so a new key is rolled out by
/// putting it first and dropping the old one once its tokens have expired.
/// </summary>
public class TokenAuthorityOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    public IList<string> SigningKeys { get; init; } = [];
}

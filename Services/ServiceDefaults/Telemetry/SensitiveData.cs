using System.Text.RegularExpressions;

namespace FoodDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps payment tokens, bearer tokens (JWTs), card numbers and addresses out of exported telemetry: log attributes
/// with a sensitive name are replaced, and free text (messages, exception texts on spans) has tokens and card-like
/// digit runs masked.
/// A safety net only: code should not log such data in the first place.
/// </summary>
public static partial class SensitiveData
{
    public const string Redacted = "[redacted]";

    // Attribute names (case-insensitive, any separator) that carry a secret or an address.
    private static readonly string[] SensitiveNameParts =
        ["token", "authorization", "card", "pan", "cvv", "cvc", "address", "street", "postal", "zip"];

    /// <summary>True for attribute names such as PaymentMethodToken, card_number, DeliveryAddress or Street.</summary>
    public static bool IsSensitiveName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SensitiveNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The text with payment tokens (tok_...), JWTs (eyJ...) and card-like numbers (13-19 digits) masked.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = PaymentToken().Replace(text, Redacted);
        masked = JsonWebToken().Replace(masked, Redacted);
        return CardNumber().Replace(masked, Redacted);
    }

    [GeneratedRegex(@"\btok_[A-Za-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex PaymentToken();

    // header.payload.signature, each base64url; a JWT header always starts with {" = eyJ.
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex JsonWebToken();

    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b", RegexOptions.CultureInvariant)]
    private static partial Regex CardNumber();
}

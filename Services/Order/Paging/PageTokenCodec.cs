using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Order.Paging;

/// <summary>
/// Turns an <see cref="OrderCursor"/> into an opaque page token and back. The token carries an HMAC over its content and
/// the customer it was issued for, so an edited token, a made-up one, or one from another customer's list is refused.
/// </summary>
public sealed class PageTokenCodec
{
    private const string FormatVersion = "1";
    private const int MacLength = 16;
    private readonly byte[] _key;

    public PageTokenCodec(IOptions<OrderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.PageTokenSecret;
        _key = string.IsNullOrEmpty(secret)
            ? RandomNumberGenerator.GetBytes(32)
            : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    public string Encode(string customerId, OrderCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var ticks = cursor.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture);
        var payload = Encoding.UTF8.GetBytes($"{FormatVersion}|{ticks}|{cursor.OrderId}");
        return WebEncoders.Base64UrlEncode([.. payload, .. Mac(customerId, payload)]);
    }

    /// <summary>The cursor in <paramref name="token"/>, or null when it is malformed, tampered with or not this customer's.</summary>
    public OrderCursor? TryDecode(string customerId, string token)
    {
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length <= MacLength)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(Mac(customerId, payload), bytes.AsSpan(bytes.Length - MacLength)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|', 3);
        if (parts.Length != 3 || parts[0] != FormatVersion
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new OrderCursor(new DateTime(ticks, DateTimeKind.Utc), parts[2]);
    }

    private byte[] Mac(string customerId, ReadOnlySpan<byte> payload)
    {
        var customer = Encoding.UTF8.GetBytes(customerId + "\n");
        return HMACSHA256.HashData(_key.AsSpan(), [.. customer, .. payload])[..MacLength];
    }
}

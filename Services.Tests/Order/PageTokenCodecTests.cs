using FoodDelivery.Order.Paging;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Order.Tests;

public sealed class PageTokenCodecTests
{
    private static readonly OrderCursor Cursor = new(new DateTime(2026, 1, 15, 12, 0, 0, 123, DateTimeKind.Utc).AddTicks(4567), "order|with|bars");

    [Fact]
    public void Decode_TokenFromAnotherInstanceWithSameSecret_ReturnsTheCursor()
    {
        var token = Codec("secret-1").Encode("customer-1", Cursor);

        Codec("secret-1").TryDecode("customer-1", token).Should().Be(Cursor);
    }

    [Fact]
    public void Decode_TokenSignedWithAnotherSecret_ReturnsNull()
    {
        var token = Codec("secret-1").Encode("customer-1", Cursor);

        Codec("secret-2").TryDecode("customer-1", token).Should().BeNull();
    }

    [Fact]
    public void Decode_NoSecretConfigured_TokensWorkOnlyInTheIssuingInstance()
    {
        var issuer = Codec(null);
        var token = issuer.Encode("customer-1", Cursor);

        issuer.TryDecode("customer-1", token).Should().Be(Cursor);
        Codec(null).TryDecode("customer-1", token).Should().BeNull();
    }

    private static PageTokenCodec Codec(string? secret) => new(Options.Create(new OrderOptions { PageTokenSecret = secret }));
}

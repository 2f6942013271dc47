using System.Text;
using FoodDelivery.Orchestrator.Codec;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>The AES-GCM payload codec on its own: real keys, real ciphertexts.</summary>
public sealed class AesGcmPayloadCodecTests
{
    private const string Street = "Geheimweg 42";

    private static readonly string KeyA = TestKeys.NewKey();
    private static readonly string KeyB = TestKeys.NewKey();

    [Fact]
    public async Task EncodeAsync_ClearPayload_HidesDataAndEncodingAndDecodesBackExactly()
    {
        var codec = TestKeys.Codec("a", ("a", KeyA));
        var clear = ClearPayload();

        var encrypted = await codec.EncodeSingleAsync(clear);

        encrypted.Metadata.Keys.Should().BeEquivalentTo(AesGcmPayloadCodec.EncodingKey, AesGcmPayloadCodec.KeyIdKey);
        encrypted.Metadata[AesGcmPayloadCodec.EncodingKey].ToStringUtf8().Should().Be("binary/encrypted");
        encrypted.Metadata[AesGcmPayloadCodec.KeyIdKey].ToStringUtf8().Should().Be("a");
        Contains(encrypted.ToByteArray(), Street).Should().BeFalse("the address must not be readable in the stored payload");
        Contains(encrypted.ToByteArray(), "json/plain").Should().BeFalse("the original encoding is part of the ciphertext");
        (await codec.DecodeSingleAsync(encrypted)).Should().Be(clear);
    }

    [Fact]
    public async Task EncodeAsync_SamePayloadTwice_UsesAFreshNonceEachTime()
    {
        var codec = TestKeys.Codec("a", ("a", KeyA));

        var first = await codec.EncodeSingleAsync(ClearPayload());
        var second = await codec.EncodeSingleAsync(ClearPayload());

        first.Data.Should().NotEqual(second.Data);
        first.Data.Span[..12].ToArray().Should().NotEqual(second.Data.Span[..12].ToArray());
    }

    [Fact]
    public async Task DecodeAsync_AfterRotation_OldKeyStillDecryptsAndNewKeyEncrypts()
    {
        var beforeRotation = TestKeys.Codec("a", ("a", KeyA));
        var afterRotation = TestKeys.Codec("b", ("a", KeyA), ("b", KeyB));
        var old = await beforeRotation.EncodeSingleAsync(ClearPayload());

        var fresh = await afterRotation.EncodeSingleAsync(ClearPayload());

        fresh.Metadata[AesGcmPayloadCodec.KeyIdKey].ToStringUtf8().Should().Be("b");
        (await afterRotation.DecodeSingleAsync(old)).Should().Be(ClearPayload());
        (await afterRotation.DecodeSingleAsync(fresh)).Should().Be(ClearPayload());
    }

    [Fact]
    public async Task DecodeAsync_UnknownKeyId_ThrowsNamingTheMissingKey()
    {
        var old = await TestKeys.Codec("a", ("a", KeyA)).EncodeSingleAsync(ClearPayload());
        var withoutOldKey = TestKeys.Codec("b", ("b", KeyB));

        var decode = () => withoutOldKey.DecodeSingleAsync(old);

        (await decode.Should().ThrowAsync<PayloadDecryptionException>())
            .WithMessage("*key 'a'*not configured*Temporal:Encryption:Keys:a*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(-1)]
    public async Task DecodeAsync_TamperedCiphertext_ThrowsInsteadOfReturningGarbage(int flippedByte)
    {
        var codec = TestKeys.Codec("a", ("a", KeyA));
        var encrypted = await codec.EncodeSingleAsync(ClearPayload());
        var data = encrypted.Data.ToByteArray();
        data[flippedByte >= 0 ? flippedByte : data.Length - 1] ^= 0x01;
        var tampered = encrypted.Clone();
        tampered.Data = ByteString.CopyFrom(data);

        var decode = () => codec.DecodeSingleAsync(tampered);

        (await decode.Should().ThrowAsync<PayloadDecryptionException>()).WithMessage("*failed authentication*");
    }

    [Fact]
    public async Task DecodeAsync_KeyIdSwappedToAnotherConfiguredKey_Throws()
    {
        var codec = TestKeys.Codec("a", ("a", KeyA), ("b", KeyB));
        var encrypted = await codec.EncodeSingleAsync(ClearPayload());
        encrypted.Metadata[AesGcmPayloadCodec.KeyIdKey] = ByteString.CopyFromUtf8("b");

        var decode = () => codec.DecodeSingleAsync(encrypted);

        await decode.Should().ThrowAsync<PayloadDecryptionException>();
    }

    [Fact]
    public async Task DecodeAsync_TruncatedCiphertext_Throws()
    {
        var codec = TestKeys.Codec("a", ("a", KeyA));
        var encrypted = await codec.EncodeSingleAsync(ClearPayload());
        encrypted.Data = ByteString.CopyFrom(encrypted.Data.Span[..10]);

        var decode = () => codec.DecodeSingleAsync(encrypted);

        (await decode.Should().ThrowAsync<PayloadDecryptionException>()).WithMessage("*truncated*");
    }

    [Fact]
    public async Task DecodeAsync_ClearPayload_PassesThroughUnchanged()
    {
        var codec = TestKeys.Codec("a", ("a", KeyA));
        var clear = ClearPayload();

        var decoded = await codec.DecodeAsync([clear, DataConverter.Default.PayloadConverter.ToPayload(null)]);

        decoded.First().Should().BeSameAs(clear);
        decoded.Should().HaveCount(2);
    }

    [Fact]
    public async Task DataConverter_WithCodec_RoundTripsAValueThroughEncryption()
    {
        var converter = FoodDeliveryDataConverter.Create(TestKeys.Options("a", ("a", KeyA)));

        var payload = await converter.ToPayloadAsync(new { Street });

        AesGcmPayloadCodec.IsEncrypted(payload).Should().BeTrue();
        (await converter.ToValueAsync<Dictionary<string, string>>(payload))["Street"].Should().Be(Street);
    }

    private static Payload ClearPayload() => DataConverter.Default.PayloadConverter.ToPayload(new { Street, City = "Berlin" });

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}

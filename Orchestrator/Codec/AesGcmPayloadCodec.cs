using System.Security.Cryptography;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// Encrypts every payload with AES-256-GCM before it leaves the process, so the engine stores (and its UI and
/// history exports show) no order data in clear. The whole original <see cref="Payload"/> (data and metadata, e.g. its
/// encoding) is the plaintext; the encrypted payload carries only <c>encoding: binary/encrypted</c> and
/// <c>encryption-key-id</c>, the convention of Temporal's encryption samples. Data is nonce (12 random bytes) +
/// ciphertext + tag (16 bytes).
/// <para>
/// Decoding picks the key by the payload's key id, so payloads written before a rotation stay readable while the old
/// key is configured. Payloads that are not encrypted (histories recorded before encryption) pass through unchanged.
/// </para>
/// </summary>
public sealed class AesGcmPayloadCodec(PayloadKeyRing keys) : IPayloadCodec
{
    public const string EncryptedEncoding = "binary/encrypted";
    public const string EncodingKey = "encoding";
    public const string KeyIdKey = "encryption-key-id";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly ByteString EncryptedEncodingBytes = ByteString.CopyFromUtf8(EncryptedEncoding);

    public PayloadKeyRing Keys { get; } = keys ?? throw new ArgumentNullException(nameof(keys));

    public Task<IReadOnlyCollection<Payload>> EncodeAsync(IReadOnlyCollection<Payload> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        IReadOnlyCollection<Payload> encoded = payloads.Select(Encrypt).ToList();
        return Task.FromResult(encoded);
    }

    public Task<IReadOnlyCollection<Payload>> DecodeAsync(IReadOnlyCollection<Payload> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        IReadOnlyCollection<Payload> decoded = payloads.Select(Decrypt).ToList();
        return Task.FromResult(decoded);
    }

    /// <summary>True when <paramref name="payload"/> is one of ours, encrypted.</summary>
    public static bool IsEncrypted(Payload payload) =>
        payload is not null && payload.Metadata.TryGetValue(EncodingKey, out var encoding) && encoding == EncryptedEncodingBytes;

    private Payload Encrypt(Payload payload)
    {
        var plaintext = payload.ToByteArray();
        var sealedData = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedData.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(Keys.ActiveKey, TagSize))
        {
            aes.Encrypt(nonce, plaintext, sealedData.AsSpan(NonceSize, plaintext.Length), sealedData.AsSpan(NonceSize + plaintext.Length));
        }

        return new Payload
        {
            Metadata =
            {
                [EncodingKey] = EncryptedEncodingBytes,
                [KeyIdKey] = ByteString.CopyFromUtf8(Keys.ActiveKeyId),
            },
            Data = ByteString.CopyFrom(sealedData),
        };
    }

    private Payload Decrypt(Payload payload)
    {
        if (!IsEncrypted(payload))
        {
            return payload;
        }

        if (!payload.Metadata.TryGetValue(KeyIdKey, out var keyIdBytes))
        {
            throw new PayloadDecryptionException($"an encrypted payload has no {KeyIdKey} metadata: it cannot be decrypted");
        }

        var keyId = keyIdBytes.ToStringUtf8();
        var key = Keys.Find(keyId) ?? throw new PayloadDecryptionException(
            $"a payload is encrypted with key '{keyId}', which is not configured (configured: {string.Join(", ", Keys.KeyIds)}); " +
            $"add it as {PayloadEncryptionOptions.SectionName}:Keys:{keyId}");
        var data = payload.Data.Span;
        if (data.Length < NonceSize + TagSize)
        {
            throw new PayloadDecryptionException($"an encrypted payload (key '{keyId}') is truncated: {data.Length} bytes");
        }

        var cipherLength = data.Length - NonceSize - TagSize;
        var plaintext = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data[..NonceSize], data.Slice(NonceSize, cipherLength), data[(NonceSize + cipherLength)..], plaintext);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new PayloadDecryptionException(
                $"an encrypted payload (key '{keyId}') failed authentication: it was altered, or encrypted with another key under the same id", ex);
        }

        try
        {
            return Payload.Parser.ParseFrom(plaintext);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new PayloadDecryptionException($"an encrypted payload (key '{keyId}') decrypted to something that is not a payload", ex);
        }
    }
}

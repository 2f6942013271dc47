using System.Security.Cryptography;
using FoodDelivery.Orchestrator.Codec;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>Fresh random keys and key sets for the encryption tests.</summary>
internal static class TestKeys
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(PayloadKeyRing.KeySizeBytes));

    /// <summary>Keys with <paramref name="activeKeyId"/> encrypting and every one of <paramref name="keys"/> decrypting.</summary>
    public static PayloadEncryptionOptions Options(string activeKeyId, params (string Id, string Key)[] keys) => new()
    {
        ActiveKeyId = activeKeyId,
        Keys = keys.ToDictionary(k => k.Id, k => k.Key, StringComparer.Ordinal),
    };

    public static AesGcmPayloadCodec Codec(string activeKeyId, params (string Id, string Key)[] keys) =>
        new(PayloadKeyRing.From(Options(activeKeyId, keys)));
}

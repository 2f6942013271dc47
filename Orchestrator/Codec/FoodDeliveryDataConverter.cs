using Temporalio.Converters;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// The one data converter of every Temporal client, worker and replayer of ours: Temporal's default JSON payloads,
/// encrypted by <see cref="AesGcmPayloadCodec"/>. Failure messages and stack traces are moved into an (encrypted)
/// payload too, since an error message can quote what it refused.
/// </summary>
public static class FoodDeliveryDataConverter
{
    /// <summary>The converter for <paramref name="encryption"/>; throws <see cref="InvalidOperationException"/> on bad keys.</summary>
    public static DataConverter Create(PayloadEncryptionOptions encryption) =>
        DataConverter.Default with
        {
            PayloadCodec = new AesGcmPayloadCodec(PayloadKeyRing.From(encryption)),
            FailureConverter = new DefaultFailureConverter.WithEncodedCommonAttributes(),
        };
}

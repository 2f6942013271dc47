using System.Security.Cryptography;
using Google.Protobuf;

namespace FoodDelivery.ServiceDefaults.Idempotency;

/// <summary>
/// Reads the idempotency key of a request and fingerprints everything else in it, via the message descriptor, so any
/// request message with an <c>idempotency_key</c> field works without per-message code.
/// </summary>
public static class RequestFingerprint
{
    public const string KeyFieldName = "idempotency_key";

    /// <summary>The request's idempotency key, or null when the message has no such field.</summary>
    public static string? KeyOf(IMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var field = request.Descriptor.FindFieldByName(KeyFieldName);
        return field?.Accessor.GetValue(request) as string;
    }

    /// <summary>SHA-256 over the operation name and the request serialized without its key.</summary>
    public static byte[] Compute(string operation, IMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var copy = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        request.Descriptor.FindFieldByName(KeyFieldName)?.Accessor.Clear(copy);
        var operationBytes = System.Text.Encoding.UTF8.GetBytes(operation + "\n");
        return SHA256.HashData([.. operationBytes, .. copy.ToByteArray()]);
    }
}

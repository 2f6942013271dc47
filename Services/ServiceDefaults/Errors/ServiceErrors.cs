using FoodDelivery.Contracts;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.ServiceDefaults.Errors;

/// <summary>Factory for the refusals our services send: one stable ErrorInfo reason per business rule.</summary>
public static class ServiceErrors
{
    /// <summary>Longest status message sent, in characters; see <see cref="Bounded"/>.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>Longest ErrorInfo metadata value sent (e.g. the item list of ITEM_UNAVAILABLE), in characters.</summary>
    public const int MaxMetadataValueLength = 4000;

    /// <summary>INVALID_ARGUMENT with one BadRequest field violation per bad field.</summary>
    public static ServiceException InvalidArgument(IReadOnlyCollection<BadRequest.Types.FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations);
        var fields = string.Join(", ", violations.Select(v => $"{v.Field}: {v.Description}"));
        var status = new Google.Rpc.Status
        {
            Code = (int)StatusCode.InvalidArgument,
            Message = Bounded($"invalid request: {fields}"),
            Details = { Any.Pack(badRequest), Any.Pack(Info(ErrorReasons.InvalidArgument, [])) },
        };
        return new ServiceException(status, retryable: false);
    }

    public static ServiceException NotFound(string what, string id) =>
        Create(StatusCode.NotFound, ErrorReasons.NotFound, $"{what} '{id}' was not found", [new("id", id)]);

    /// <summary>A business rule refused the request (FAILED_PRECONDITION unless another code is given).</summary>
    public static ServiceException Rejected(
        string reason,
        string message,
        IEnumerable<KeyValuePair<string, string>>? metadata = null,
        StatusCode code = StatusCode.FailedPrecondition) =>
        Create(code, reason, message, metadata ?? []);

    public static ServiceException IllegalTransition(string entity, string id, string from, string to) =>
        Create(
            StatusCode.FailedPrecondition,
            ErrorReasons.IllegalTransition,
            $"{entity} '{id}' cannot go from {from} to {to}",
            [new("id", id), new("from", from), new("to", to)]);

    public static ServiceException IdempotencyKeyReused(string key) =>
        Create(
            StatusCode.InvalidArgument,
            ErrorReasons.IdempotencyKeyReused,
            $"idempotency key '{key}' was already used for a different request",
            [new("idempotency_key", key)]);

    /// <summary>Too much contention on the same rows: safe to retry with the same idempotency key.</summary>
    public static ServiceException Contention(string message) =>
        Create(StatusCode.Aborted, ErrorReasons.Conflict, message, []);

    private static ServiceException Create(
        StatusCode code, string reason, string message, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = Bounded(message),
            Details = { Any.Pack(Info(reason, metadata)) },
        };
        return new ServiceException(status, ErrorReasons.IsRetryable(reason));
    }

    /// <summary>
    /// A refusal travels in the response trailers (the message percent-encoded, the details in base64), and HTTP/2
    /// clients refuse headers over 64 KB: an oversized refusal reaches the caller as UNAVAILABLE instead. Messages and
    /// metadata echo request values (ids, up to 100 item ids), so both are cut to a size that always fits.
    /// </summary>
    private static string Bounded(string text, int maxLength = MaxMessageLength) =>
        text.Length <= maxLength ? text : $"{text[..maxLength]}... (cut at {maxLength} characters)";

    private static ErrorInfo Info(string reason, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = Bounded(value, MaxMetadataValueLength);
        }

        return info;
    }
}

using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.ServiceDefaults.Errors;

/// <summary>
/// A refusal the caller should see as a rich gRPC status (google.rpc.Status with ErrorInfo or BadRequest details).
/// Thrown by validation and by domain rules; <see cref="ErrorMappingInterceptor"/> turns it into an RpcException.
/// </summary>
public sealed class ServiceException : Exception
{
    public ServiceException(Google.Rpc.Status status, bool retryable)
        : base(status.Message)
    {
        Status = status;
        Retryable = retryable;
    }

    /// <summary>The status sent to the caller.</summary>
    public Google.Rpc.Status Status { get; }

    /// <summary>
    /// True when the same request may succeed later (e.g. no courier free now). Retryable refusals are not stored
    /// under the idempotency key; final ones are, so a repeat gets the same answer.
    /// </summary>
    public bool Retryable { get; }

    public StatusCode Code => (StatusCode)Status.Code;

    /// <summary>The ErrorInfo reason, or null for a plain validation error.</summary>
    public string? Reason => Status.GetDetail<ErrorInfo>()?.Reason;

    public RpcException ToRpcException() => Status.ToRpcException();
}

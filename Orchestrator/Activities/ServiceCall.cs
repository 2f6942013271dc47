using FoodDelivery.Contracts;
using Google.Rpc;
using Grpc.Core;
using Temporalio.Activities;
using Temporalio.Exceptions;
using RpcException = Grpc.Core.RpcException;

namespace FoodDelivery.Orchestrator.Activities;

/// <summary>
/// Makes one gRPC call for an activity and translates its failure into what the workflow engine understands:
/// a business refusal becomes a non-retryable ApplicationFailure whose type is the service's stable ErrorInfo reason
/// (OUT_OF_STOCK, CARD_DECLINED, ...); a transport failure (UNAVAILABLE, DEADLINE_EXCEEDED, ...) or a retryable
/// business condition (NO_COURIER_AVAILABLE) stays retryable, so the engine retries it with backoff.
/// </summary>
public static class ServiceCall
{
    /// <summary>ApplicationFailure type of transport failures; the suffix is the gRPC status code.</summary>
    public const string TransportFailurePrefix = "TRANSPORT_";

    public static async Task<TResponse> InvokeAsync<TResponse>(
        string service, TimeSpan deadline, Func<CallOptions, AsyncUnaryCall<TResponse>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var cancellation = ActivityExecutionContext.HasCurrent
            ? ActivityExecutionContext.Current.CancellationToken
            : CancellationToken.None;
        var options = new CallOptions(deadline: DateTime.UtcNow.Add(deadline), cancellationToken: cancellation);
        try
        {
            return await call(options);
        }
        catch (RpcException ex)
        {
            throw Translate(service, ex);
        }
    }

    public static ApplicationFailureException Translate(string service, RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        if (info is null || IsTransport(ex.StatusCode))
        {
            return new ApplicationFailureException(
                $"{service}: {ex.StatusCode}: {ex.Status.Detail}",
                errorType: TransportFailurePrefix + ex.StatusCode.ToString().ToUpperInvariant(),
                nonRetryable: false);
        }

        var metadata = info.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}").ToList();
        return new ApplicationFailureException(
            $"{service}: {ex.Status.Detail}",
            errorType: info.Reason,
            nonRetryable: !ErrorReasons.IsRetryable(info.Reason),
            details: [metadata]);
    }

    // UNAUTHENTICATED / PERMISSION_DENIED on an internal RPC mean the worker's service identity is misconfigured (a
    // rotated key, a wrong audience): an operations fault to fix and retry, never a business refusal of the order.
    private static bool IsTransport(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown
            or StatusCode.Cancelled or StatusCode.Unauthenticated or StatusCode.PermissionDenied;
}

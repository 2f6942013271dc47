using Grpc.Core;

namespace FoodDelivery.Simulator;

/// <summary>How the simulator reads the Order service's refusals.</summary>
internal static class RpcFailures
{
    /// <summary>The service or the engine behind it is briefly unreachable or overloaded: try again later.</summary>
    public static bool IsTransient(RpcException ex) => ex.StatusCode is StatusCode.Unavailable
        or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown
        or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Cancelled;

    /// <summary>
    /// The report came too late or twice (the saga moved on, the order ended, was cancelled or is unknown): an expected
    /// race between the simulated human and the saga, not an error.
    /// </summary>
    public static bool IsStale(RpcException ex) => ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound;
}

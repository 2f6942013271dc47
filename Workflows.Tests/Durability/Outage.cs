using Temporalio.Exceptions;
using GrpcException = Grpc.Core.RpcException;
using GrpcStatusCode = Grpc.Core.StatusCode;
using TemporalRpcException = Temporalio.Exceptions.RpcException;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>
/// Calls and waits that must get through the seconds when the engine is down or just restarting: transport failures
/// are retried, conditions are polled, all up to one generous deadline (the machine may be busy), never a fixed sleep.
/// </summary>
public static class Outage
{
    /// <summary>How long anything may take, engine restart included, before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs the call, again while it fails because the engine (or the Order API's way to it) is unreachable.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < until)
            {
                await Task.Delay(PollInterval);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true; failed calls (engine down, no worker yet) count as not yet.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var until = DateTime.UtcNow + Deadline;
        Exception? lastError = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is TemporalRpcException or GrpcException or WorkflowQueryFailedException)
            {
                lastError = e;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"waited {Deadline.TotalSeconds} s for: {what()}; last error: {lastError?.Message ?? "none"}");
    }

    private static bool IsTransient(Exception e) => e switch
    {
        TemporalRpcException t => t.Code is TemporalRpcException.StatusCode.Unavailable
            or TemporalRpcException.StatusCode.DeadlineExceeded or TemporalRpcException.StatusCode.Unknown,
        GrpcException g => g.StatusCode is GrpcStatusCode.Unavailable or GrpcStatusCode.DeadlineExceeded,
        _ => false,
    };
}

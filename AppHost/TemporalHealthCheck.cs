using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FoodDelivery.AppHost;

/// <summary>
/// Healthy once the Temporal frontend answers WorkflowService/GetSystemInfo, the first call every Temporal client
/// makes. The request is empty, so it is sent as raw bytes: the AppHost needs no Temporal API types for it. (A TCP
/// probe would not do: Aspire's proxy in front of the process accepts connections before the process listens.)
/// </summary>
public sealed class TemporalHealthCheck(Func<CancellationToken, Task<Uri>> address) : IHealthCheck
{
    // Generous: on a busy machine (CI has 2 cores) the first call of a fresh process can take seconds.
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Method<byte[], byte[]> GetSystemInfo = new(
        MethodType.Unary, "temporal.api.workflowservice.v1.WorkflowService", "GetSystemInfo", RawBytes, RawBytes);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var channel = GrpcChannel.ForAddress(await address(cancellationToken));
            await channel.CreateCallInvoker().AsyncUnaryCall(
                GetSystemInfo, host: null, new CallOptions(deadline: DateTime.UtcNow + CallDeadline, cancellationToken: cancellationToken), []);
            return HealthCheckResult.Healthy();
        }
        catch (RpcException ex)
        {
            return HealthCheckResult.Unhealthy($"Temporal GetSystemInfo: {ex.StatusCode}", ex);
        }
    }
}

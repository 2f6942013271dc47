using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FoodDelivery.AppHost;

/// <summary>
/// Asks a service's standard gRPC health service (grpc.health.v1.Health/Check, h2c) whether it is SERVING. Every
/// FoodDelivery service maps it, and reports its database there; a plain HTTP probe would not do, because the
/// services speak HTTP/2 only.
/// </summary>
public sealed class GrpcHealthCheck(Func<CancellationToken, Task<Uri>> address) : IHealthCheck
{
    // Generous: on a busy machine (CI has 2 cores) the first call of a fresh process can take seconds.
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var channel = GrpcChannel.ForAddress(await address(cancellationToken));
            var client = new Health.HealthClient(channel);
            var reply = await client.CheckAsync(
                new HealthCheckRequest(), deadline: DateTime.UtcNow + CallDeadline, cancellationToken: cancellationToken);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"gRPC health: {reply.Status}");
        }
        catch (RpcException ex)
        {
            return HealthCheckResult.Unhealthy($"gRPC health: {ex.StatusCode}", ex);
        }
    }
}

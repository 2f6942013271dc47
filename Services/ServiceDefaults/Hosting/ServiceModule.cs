using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.ServiceDefaults.Hosting;

/// <summary>
/// One FoodDelivery service as a unit that <see cref="ServiceHost"/> can run alone (its own executable) or next to
/// the others in one process (tests, demo, benchmarks): the Add/Map pair of the service.
/// </summary>
public abstract class ServiceModule
{
    /// <summary>Short name, e.g. "restaurant": names the SQLite file, the logs and the health check.</summary>
    public abstract string Name { get; }

    /// <summary>The loopback port the service listens on when none is configured.</summary>
    public abstract int DefaultPort { get; }

    /// <summary>Registers the service's DbContext, domain services and seeders.</summary>
    public abstract void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the service's gRPC endpoints.</summary>
    public abstract void MapEndpoints(IEndpointRouteBuilder endpoints);
}

using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.ServiceDefaults.Hosting;

/// <summary>How to host a service in-process; anything left null comes from configuration or the module's defaults.</summary>
public sealed class ServiceHostOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>SQLite data folder (the service's file is "{name}.db" in it).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>"Development" by default in-process; fault injection is refused in "Production".</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra configuration, e.g. "FaultInjection:Enabled" = "true".</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Last-word service registrations, e.g. a fake TimeProvider in tests.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

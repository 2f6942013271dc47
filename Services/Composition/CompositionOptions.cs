using FoodDelivery.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.Composition;

/// <summary>How to run the four services in one process.</summary>
public sealed class CompositionOptions
{
    /// <summary>Folder for the four SQLite files (order.db, payment.db, restaurant.db, delivery.db).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>True: each service on its default port (5101-5104). False: free ports picked by the OS.</summary>
    public bool UseDefaultPorts { get; init; }

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Settings for every service, e.g. "FaultInjection:Enabled" = "true".</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Settings for one service by its name ("order", "payment", "restaurant", "delivery"); win over <see cref="Settings"/>.</summary>
    public IDictionary<string, IDictionary<string, string?>> ServiceSettings { get; init; } =
        new Dictionary<string, IDictionary<string, string?>>();

    /// <summary>Last-word registrations applied to every service, e.g. a shared fake TimeProvider.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <param name="port">A fixed port (a restart on the port the service had); null: as <see cref="UseDefaultPorts"/> says.</param>
    internal ServiceHostOptions For(ServiceModule module, int? port = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        if (ServiceSettings.TryGetValue(module.Name, out var own))
        {
            foreach (var (key, value) in own)
            {
                settings[key] = value;
            }
        }

        return new ServiceHostOptions
        {
            Port = port ?? (UseDefaultPorts ? module.DefaultPort : 0),
            DataDirectory = DataDirectory,
            EnvironmentName = EnvironmentName,
            Settings = settings,
            ConfigureServices = ConfigureServices,
        };
    }
}

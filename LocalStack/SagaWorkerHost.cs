using FoodDelivery.Composition;
using FoodDelivery.Orchestrator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FoodDelivery.LocalStack;

/// <summary>
/// The saga worker as the Orchestrator runs it (the same registration), pointed at the in-process services. LocalStack
/// and the test harnesses that start the system piece by piece all start their worker here.
/// </summary>
public static class SagaWorkerHost
{
    public static async Task<IHost> StartAsync(
        FoodDeliveryServices services,
        TemporalOptions temporal,
        IDictionary<string, string?>? settings = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Services:Order"] = services.Order.Address.ToString(),
            ["Services:Payment"] = services.Payment.Address.ToString(),
            ["Services:Restaurant"] = services.Restaurant.Address.ToString(),
            ["Services:Delivery"] = services.Delivery.Address.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddOrderSagaWorker(builder.Configuration, temporal);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}

using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Client;

namespace FoodDelivery.Simulator;

public static class SimulatorRegistration
{
    /// <summary>The configuration key of the Order service's address, as the Orchestrator reads it.</summary>
    public const string OrderAddressKey = "Services:Order";

    /// <summary>
    /// Registers <see cref="FulfillmentSimulator"/> as a singleton hosted service: options from the "Simulator" section,
    /// Temporal from <see cref="TemporalOptions.From"/>, the Order service from "Services:Order", development tokens
    /// signed with the "Auth" section's keys (it acts as every restaurant and courier). Throws
    /// <see cref="InvalidOperationException"/> with one clear sentence when a setting is missing or bad.
    /// </summary>
    public static IServiceCollection AddFulfillmentSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = SimulatorOptions.From(configuration);
        var temporal = TemporalOptions.From(configuration).ToConnectOptions();
        var orderAddress = OrderServiceAddress(configuration);

        // Lazy: the simulator may start before Temporal is up; discovery retries until it answers.
        var client = TemporalClient.CreateLazy(temporal);
        services.AddSingleton(provider => new FulfillmentSimulator(
            options,
            client,
            orderAddress,
            provider.GetRequiredService<ILogger<FulfillmentSimulator>>(),
            provider.GetService<IHostEnvironment>(),
            new DevelopmentCallers(DevelopmentTokens.From(configuration))));
        services.AddHostedService(provider => provider.GetRequiredService<FulfillmentSimulator>());
        return services;
    }

    public static Uri OrderServiceAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[OrderAddressKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                "no Order service address: set Services:Order (environment Services__Order), e.g. http://127.0.0.1:5101");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Services:Order must be an http(s) address such as http://127.0.0.1:5101, not '{value}'");
        }

        return address;
    }
}

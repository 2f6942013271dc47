using System.Globalization;
using FoodDelivery.Composition;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.DevServer;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Temporalio.Client;

namespace FoodDelivery.Observability.Tests.Support;

/// <summary>
/// The whole system in this process, as Workflows.Tests starts it: a DevServer with virtual time, the four services on
/// their own SQLite files, and the saga worker host built by the Orchestrator's own registration (so with the
/// tracing and metrics interceptors). Telemetry is captured by <see cref="TelemetryCapture"/>.
/// </summary>
public sealed class ObservedSystem : IAsyncDisposable
{
    private IHost? _worker;

    private ObservedSystem(TemporalDevServer devServer, TemporalOptions temporal, FoodDeliveryServices services, TemporalClient client, string dataDirectory)
    {
        DevServer = devServer;
        Temporal = temporal;
        Services = services;
        Client = client;
        DataDirectory = dataDirectory;
        OrderChannel = GrpcChannel.ForAddress(services.Order.Address);
        Ordering = new OrderingApi.OrderingApiClient(OrderChannel.WithDevelopmentTokens());
        Fulfillment = new FulfillmentApi.FulfillmentApiClient(OrderChannel.WithDevelopmentTokens());
        Operators = new OperatorApi.OperatorApiClient(OrderChannel.WithDevelopmentTokens());
    }

    public TemporalDevServer DevServer { get; }

    public TemporalOptions Temporal { get; }

    public FoodDeliveryServices Services { get; }

    /// <summary>A client with the same options as the system's (tracing interceptor included).</summary>
    public TemporalClient Client { get; }

    public string DataDirectory { get; }

    public GrpcChannel OrderChannel { get; }

    public OrderingApi.OrderingApiClient Ordering { get; }

    public FulfillmentApi.FulfillmentApiClient Fulfillment { get; }

    public OperatorApi.OperatorApiClient Operators { get; }

    public static async Task<ObservedSystem> StartAsync()
    {
        TelemetryCapture.Start();
        var dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-observability-").FullName;
        var devServer = await TemporalDevServer.StartAsync(new DevServerOptions { TimeSkipping = TimeSkippingMode.WhileAwaitingResult });
        var temporal = new TemporalOptions { Address = devServer.TargetHost, TaskQueue = $"orders-{Guid.NewGuid():N}" };
        var timeouts = SagaTimeouts.Default with { CompensationScheduleToClose = TimeSpan.FromMinutes(2) };
        string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
        var services = await FoodDeliveryServices.StartAsync(new CompositionOptions
        {
            DataDirectory = dataDirectory,
            Settings = new Dictionary<string, string?>
            {
                ["FaultInjection:Enabled"] = "true",
                ["Temporal:Address"] = temporal.Address,
                ["Temporal:TaskQueue"] = temporal.TaskQueue,
                ["Saga:CompensationScheduleToClose"] = Span(timeouts.CompensationScheduleToClose),
            },
        });
        var client = await TemporalClient.ConnectAsync(temporal.ToConnectOptions());
        var system = new ObservedSystem(devServer, temporal, services, client, dataDirectory);
        await system.StartWorkerAsync();
        return system;
    }

    /// <summary>The saga worker as the Orchestrator registers it, pointed at these services.</summary>
    public async Task StartWorkerAsync()
    {
        _worker = await SagaWorkerHost.StartAsync(Services, Temporal);
    }

    /// <summary>Stops the worker as a crash would: its cached workflows are gone, the next worker replays them.</summary>
    public async Task StopWorkerAsync()
    {
        if (_worker is null)
        {
            return;
        }

        await _worker.StopAsync();
        _worker.Dispose();
        _worker = null;
    }

    public FaultInjector Faults(string service) =>
        Services.All.Single(s => s.Name == service).Services.GetRequiredService<FaultInjector>();

    public WorkflowHandle<OrderSagaWorkflow> Saga(string orderId) =>
        Client.GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId));

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        OrderChannel.Dispose();
        await Services.DisposeAsync();
        await DevServer.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the OS temp cleanup takes it.
        }
    }
}

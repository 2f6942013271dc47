using System.Globalization;
using FoodDelivery.Audit;
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

namespace FoodDelivery.Workflows.Tests.Support;

/// <summary>
/// Everything a saga scenario runs on, all real and all in this process: a DevServer with virtual time (or the
/// Temporal server at TEMPORAL_ADDRESS), the four services on their own SQLite files, and the saga worker host.
/// One per test, so no scenario's clock, stock or couriers leak into another's.
/// </summary>
public sealed class SagaEnvironment : IAsyncDisposable
{
    private IHost? _worker;

    private SagaEnvironment(
        TemporalDevServer? devServer,
        TemporalOptions temporal,
        FoodDeliveryServices services,
        TemporalClient client,
        string dataDirectory)
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

    /// <summary>Null when the scenarios run against a real Temporal server (TEMPORAL_ADDRESS).</summary>
    public TemporalDevServer? DevServer { get; }

    public TemporalOptions Temporal { get; }

    public FoodDeliveryServices Services { get; }

    public TemporalClient Client { get; }

    public string DataDirectory { get; }

    public GrpcChannel OrderChannel { get; }

    public OrderingApi.OrderingApiClient Ordering { get; }

    public FulfillmentApi.FulfillmentApiClient Fulfillment { get; }

    public OperatorApi.OperatorApiClient Operators { get; }

    public static string? ExternalTemporalAddress =>
        Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS") is { Length: > 0 } address ? address : null;

    public static async Task<SagaEnvironment> StartAsync(SagaEnvironmentOptions? options = null)
    {
        options ??= new SagaEnvironmentOptions();
        var dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-saga-").FullName;
        TemporalDevServer? devServer = null;
        if (ExternalTemporalAddress is null)
        {
            devServer = await TemporalDevServer.StartAsync(new DevServerOptions { TimeSkipping = TimeSkippingMode.WhileAwaitingResult });
        }

        // A task queue of its own, so scenarios sharing a real server never steal each other's tasks.
        var temporal = new TemporalOptions
        {
            Address = devServer?.TargetHost ?? ExternalTemporalAddress,
            Namespace = Environment.GetEnvironmentVariable("TEMPORAL_NAMESPACE") ?? "default",
            TaskQueue = $"orders-{Guid.NewGuid():N}",
        };

        var services = await FoodDeliveryServices.StartAsync(new CompositionOptions
        {
            DataDirectory = dataDirectory,
            Settings = CommonSettings(temporal, options),
            ServiceSettings = options.ServiceSettings,
        });
        var client = await TemporalClient.ConnectAsync(temporal.ToConnectOptions());
        var environment = new SagaEnvironment(devServer, temporal, services, client, dataDirectory);
        await environment.StartWorkerAsync();
        return environment;
    }

    /// <summary>The saga worker, as the Orchestrator runs it: the same registration, pointed at these services.</summary>
    public async Task StartWorkerAsync()
    {
        if (_worker is not null)
        {
            return;
        }

        _worker = await SagaWorkerHost.StartAsync(Services, Temporal);
    }

    /// <summary>Stops the worker as a crash would leave things: sagas stay where they are, in the engine.</summary>
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

    public Task<AuditReport> AuditAsync() => ConsistencyAudit.RunAsync(AuditDatabases.Sqlite(DataDirectory));

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        OrderChannel.Dispose();
        await Services.DisposeAsync();
        if (DevServer is not null)
        {
            await DevServer.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleanup takes it.
        }
    }

    private static Dictionary<string, string?> CommonSettings(TemporalOptions temporal, SagaEnvironmentOptions options)
    {
        string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
        var t = options.Timeouts;
        return new Dictionary<string, string?>
        {
            ["FaultInjection:Enabled"] = "true",
            ["Temporal:Address"] = temporal.Address,
            ["Temporal:Namespace"] = temporal.Namespace,
            ["Temporal:TaskQueue"] = temporal.TaskQueue,
            ["Saga:RestaurantAcceptance"] = Span(t.RestaurantAcceptance),
            ["Saga:CourierAssignment"] = Span(t.CourierAssignment),
            ["Saga:Pickup"] = Span(t.Pickup),
            ["Saga:Delivery"] = Span(t.Delivery),
            ["Saga:StepStartToClose"] = Span(t.StepStartToClose),
            ["Saga:StepScheduleToClose"] = Span(t.StepScheduleToClose),
            ["Saga:CompensationScheduleToClose"] = Span(t.CompensationScheduleToClose),
            ["Delivery:Seed:CourierCount"] = options.CourierCount.ToString(CultureInfo.InvariantCulture),
            ["Delivery:Seed:CourierCapacity"] = options.CourierCapacity.ToString(CultureInfo.InvariantCulture),
        };
    }
}

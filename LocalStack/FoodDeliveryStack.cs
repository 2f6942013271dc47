using FoodDelivery.Audit;
using FoodDelivery.Composition;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.DevServer;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.Simulator;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Client;

namespace FoodDelivery.LocalStack;

/// <summary>
/// The whole system in this process: an embedded DevServer (or a given Temporal server), the four services on their
/// own SQLite files, the saga worker and, when asked, the simulated restaurants and couriers. Disposing stops
/// everything in reverse order.
/// </summary>
public sealed class FoodDeliveryStack : IAsyncDisposable
{
    private readonly LocalStackOptions _options;
    private readonly bool _ownsDataDirectory;
    private IHost? _worker;

    private FoodDeliveryStack(
        LocalStackOptions options,
        TemporalDevServer? devServer,
        TemporalOptions temporal,
        FoodDeliveryServices services,
        TemporalClient client,
        string dataDirectory,
        bool ownsDataDirectory)
    {
        _options = options;
        _ownsDataDirectory = ownsDataDirectory;
        DevServer = devServer;
        Temporal = temporal;
        Services = services;
        Client = client;
        DataDirectory = dataDirectory;
        OrderChannel = GrpcChannel.ForAddress(services.Order.Address);
        Tokens = DevelopmentTokens.From(new ConfigurationBuilder().AddInMemoryCollection(options.Settings).Build());
        Callers = new DevelopmentCallers(Tokens);
        Ordering = new OrderingApi.OrderingApiClient(OrderChannel.WithDevelopmentTokens(Callers));
        Fulfillment = new FulfillmentApi.FulfillmentApiClient(OrderChannel.WithDevelopmentTokens(Callers));
        Operators = new OperatorApi.OperatorApiClient(OrderChannel.WithDevelopmentTokens(Callers));
    }

    /// <summary>Null when the stack uses the Temporal server at <see cref="LocalStackOptions.TemporalAddress"/>.</summary>
    public TemporalDevServer? DevServer { get; private set; }

    public TemporalOptions Temporal { get; }

    public string TemporalAddress => Temporal.Address!;

    public string Namespace => Temporal.Namespace;

    public string TaskQueue => Temporal.TaskQueue;

    public FoodDeliveryServices Services { get; }

    public TemporalClient Client { get; }

    /// <summary>Null when <see cref="LocalStackOptions.Simulator"/> was null.</summary>
    public FulfillmentSimulator? Simulator { get; private set; }

    public string DataDirectory { get; }

    /// <summary>The Order service without credentials: wrap it (<see cref="DevelopmentChannels"/>) or send a token per call.</summary>
    public GrpcChannel OrderChannel { get; }

    /// <summary>Mints tokens with the keys the stack's services check (the development keys unless "Auth:..." settings say otherwise).</summary>
    public DevelopmentTokens Tokens { get; }

    /// <summary>Signs each call as its request's party: <see cref="Ordering"/>, <see cref="Fulfillment"/>, <see cref="Operators"/> and the simulator use it.</summary>
    public DevelopmentCallers Callers { get; }

    public OrderingApi.OrderingApiClient Ordering { get; }

    public FulfillmentApi.FulfillmentApiClient Fulfillment { get; }

    public OperatorApi.OperatorApiClient Operators { get; }

    /// <summary>What runs where, for printing: "temporal" and each service by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Endpoints =>
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["temporal"] = [$"{TemporalAddress} (namespace {Namespace}, task queue {TaskQueue})"],
            [Services.Order.Name] = [Services.Order.Address.ToString()],
            [Services.Payment.Name] = [Services.Payment.Address.ToString()],
            [Services.Restaurant.Name] = [Services.Restaurant.Address.ToString()],
            [Services.Delivery.Name] = [Services.Delivery.Address.ToString()],
            ["data"] = [DataDirectory],
        };

    public static async Task<FoodDeliveryStack> StartAsync(LocalStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("fooddelivery-").FullName;
        Directory.CreateDirectory(dataDirectory);

        TemporalDevServer? devServer = null;
        FoodDeliveryServices? services = null;
        FoodDeliveryStack? stack = null;
        try
        {
            if (options.TemporalAddress is null)
            {
                var port = options.DevServerPort != 0 ? options.DevServerPort : options.UseDefaultPorts ? 7233 : 0;
                devServer = await TemporalDevServer.StartAsync(DevServerOptionsFor(options, port), cancellationToken);
            }

            var temporal = new TemporalOptions
            {
                Address = devServer?.TargetHost ?? options.TemporalAddress,
                Namespace = options.Namespace,
                TaskQueue = options.TaskQueue,
            };
            services = await FoodDeliveryServices.StartAsync(
                new CompositionOptions
                {
                    DataDirectory = dataDirectory,
                    UseDefaultPorts = options.UseDefaultPorts,
                    Settings = StackSettings.ForServices(options, temporal),
                    ServiceSettings = options.ServiceSettings,
                },
                cancellationToken);
            var client = await TemporalClient.ConnectAsync(temporal.ToConnectOptions());
            stack = new FoodDeliveryStack(options, devServer, temporal, services, client, dataDirectory, ownsDataDirectory);
            if (options.StartWorker)
            {
                await stack.StartWorkerAsync(cancellationToken);
            }

            await stack.StartSimulatorAsync(cancellationToken);
            return stack;
        }
        catch
        {
            // Stop whatever started, in reverse order, and leave no temporary folder behind.
            if (stack is not null)
            {
                await stack.DisposeAsync();
                throw;
            }

            if (services is not null)
            {
                await services.DisposeAsync();
            }

            if (devServer is not null)
            {
                await devServer.DisposeAsync();
            }

            if (ownsDataDirectory)
            {
                DeleteQuietly(dataDirectory);
            }

            throw;
        }
    }

    /// <summary>Starts the saga worker (again, after <see cref="StopWorkerAsync"/>).</summary>
    public async Task StartWorkerAsync(CancellationToken cancellationToken = default)
    {
        _worker ??= await SagaWorkerHost.StartAsync(Services, Temporal, _options.Settings, _options.LoggerFactory, cancellationToken);
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

    /// <summary>
    /// Stops the embedded DevServer and starts it again on the same port and SQLite file (only with
    /// <see cref="LocalStackOptions.DevServerDbFileName"/>): the sagas resume from what it persisted, and the services,
    /// the worker and the clients reconnect on their own.
    /// </summary>
    public async Task RestartDevServerAsync(CancellationToken cancellationToken = default)
    {
        if (DevServer is null || _options.DevServerDbFileName is null)
        {
            throw new InvalidOperationException("only an embedded DevServer with a database file can be restarted");
        }

        var port = DevServer.Port;
        await DevServer.DisposeAsync();
        DevServer = null;
        DevServer = await TemporalDevServer.StartAsync(DevServerOptionsFor(_options, port), cancellationToken);
    }

    public FaultInjector Faults(string service) =>
        Services.All.Single(s => s.Name == service).Services.GetRequiredService<FaultInjector>();

    /// <summary>The cross-service consistency audit over this stack's SQLite files.</summary>
    public Task<AuditReport> AuditAsync() => ConsistencyAudit.RunAsync(AuditDatabases.Sqlite(DataDirectory));

    public async ValueTask DisposeAsync()
    {
        if (Simulator is not null)
        {
            await Simulator.StopAsync(CancellationToken.None);
            Simulator.Dispose();
            Simulator = null;
        }

        await StopWorkerAsync();
        OrderChannel.Dispose();
        await Services.DisposeAsync();
        if (DevServer is not null)
        {
            await DevServer.DisposeAsync();
        }

        if (_ownsDataDirectory)
        {
            DeleteQuietly(DataDirectory);
        }
    }

    private async Task StartSimulatorAsync(CancellationToken cancellationToken)
    {
        if (_options.Simulator is null)
        {
            return;
        }

        var logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<FulfillmentSimulator>();
        Simulator = new FulfillmentSimulator(_options.Simulator.WithEnabled(true), Client, Services.Order.Address, logger, callers: Callers);
        await Simulator.StartAsync(cancellationToken);
    }

    private static DevServerOptions DevServerOptionsFor(LocalStackOptions options, int port) => new()
    {
        Port = port,
        Namespace = options.Namespace,
        TimeSkipping = options.TimeSkipping,
        DbFileName = options.DevServerDbFileName,
    };

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the OS temp cleanup takes it.
        }
    }
}

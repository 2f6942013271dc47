using FoodDelivery.DevServer.Engine;
using FoodDelivery.DevServer.Hosting;

namespace FoodDelivery.DevServer;

/// <summary>
/// An embedded, in-memory, Temporal-compatible server for development and tests: the unmodified Temporalio client
/// and worker connect to <see cref="TargetHost"/>. Production runs on a real Temporal cluster.
/// <code>
/// await using var server = await TemporalDevServer.StartAsync(new() { TimeSkipping = TimeSkippingMode.WhileAwaitingResult });
/// var client = await TemporalClient.ConnectAsync(new(server.TargetHost) { Namespace = server.Namespace });
/// </code>
/// </summary>
public sealed class TemporalDevServer : IAsyncDisposable
{
    private readonly WorkflowEngine _engine;
    private readonly WebApplication _app;

    private TemporalDevServer(WorkflowEngine engine, WebApplication app, int port, DevServerOptions options)
    {
        _engine = engine;
        _app = app;
        Port = port;
        Options = options;
    }

    /// <summary>"127.0.0.1:port", the address to give TemporalClient.ConnectAsync.</summary>
    public string TargetHost => $"127.0.0.1:{Port}";

    public int Port { get; }

    public string Namespace => Options.Namespace;

    public DevServerOptions Options { get; }

    /// <summary>The engine itself, for tests that inspect its state.</summary>
    internal WorkflowEngine Engine => _engine;

    /// <summary>The engine's current time (real time plus any skipped or advanced virtual time).</summary>
    public DateTime UtcNow => _engine.UtcNow;

    /// <summary>Starts the engine and its gRPC endpoint on 127.0.0.1.</summary>
    public static async Task<TemporalDevServer> StartAsync(DevServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Namespace);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxClosedWorkflows);

        var engine = new WorkflowEngine(options);
        try
        {
            var (app, port) = await GrpcHost.StartAsync(engine, options.Port, cancellationToken);
            return new TemporalDevServer(engine, app, port, options);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves engine time forward by <paramref name="duration"/>, firing every timer and timeout that falls due on the
    /// way (each at its own time). Works in every time mode.
    /// </summary>
    public Task AdvanceTimeAsync(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _engine.AdvanceTime(duration);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            _engine.Dispose();
            await _app.StopAsync(stopTimeout.Token);
        }

        await _app.DisposeAsync();
    }
}

using Temporalio.Client;
using Temporalio.Worker;

namespace FoodDelivery.DevServer.Tests;

/// <summary>
/// One test environment for the whole suite: a DevServer with virtual time, or, when TEMPORAL_ADDRESS is set, that
/// real Temporal server (then tests needing virtual time use real time or skip, saying so).
/// </summary>
public class DevServerFixture : IAsyncLifetime
{
    private static int _taskQueueCounter;

    public TemporalDevServer? Server { get; private set; }

    public TemporalClient Client { get; private set; } = null!;

    /// <summary>The server under test is our DevServer (not an external Temporal).</summary>
    public bool IsDevServer => Server is not null;

    public static string? ExternalAddress => Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS") is { Length: > 0 } address ? address : null;

    public async Task InitializeAsync()
    {
        string target;
        var @namespace = Environment.GetEnvironmentVariable("TEMPORAL_NAMESPACE") ?? "default";
        if (ExternalAddress is { } external)
        {
            target = external;
        }
        else
        {
            Server = await TemporalDevServer.StartAsync(new DevServerOptions
            {
                Namespace = @namespace,
                TimeSkipping = TimeSkippingMode.WhileAwaitingResult,
                // Tests share this engine and skip virtual time, hours or days at once; with the default one-day
                // retention another test's skip could drop the closed runs a test is still looking at.
                // Retention has tests of its own, on engines of their own.
                ClosedWorkflowRetention = TimeSpan.FromDays(3650),
                DbFileName = DbFileName,
            });
            target = Server.TargetHost;
        }

        Client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(target) { Namespace = @namespace });
    }

    public virtual async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>The engine file of the DevServer under test; null keeps it in memory (the default).</summary>
    protected virtual string? DbFileName => null;

    public static string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _taskQueueCounter)}-{Guid.NewGuid():N}";

    /// <summary>Runs <paramref name="test"/> with a worker on a fresh task queue.</summary>
    public async Task WithWorkerAsync(Action<TemporalWorkerOptions> configure, Func<string, Task> test)
    {
        var taskQueue = UniqueName("tq");
        var options = new TemporalWorkerOptions(taskQueue);
        configure(options);
        using var worker = new TemporalWorker(Client, options);
        await worker.ExecuteAsync(() => test(taskQueue));
    }
}

[CollectionDefinition(Name)]
public sealed class DevServerCollection : ICollectionFixture<DevServerFixture>
{
    public const string Name = "DevServer";
}

using System.Diagnostics;
using FoodDelivery.Composition;
using FoodDelivery.DevServer;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator.Hosting;

namespace FoodDelivery.Bench.Tests;

/// <summary>
/// The chaos run's worker process (LocalStack's <see cref="SagaWorkerProcess"/>): the real Orchestrator executable
/// started beside real services and a real engine, handed the stack's settings, and killed with SIGKILL.
/// </summary>
public sealed class ChaosWorkerProcessTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fooddelivery-worker-process-").FullName;
    private TemporalDevServer _engine = null!;
    private FoodDeliveryServices _services = null!;

    private string LogFile => Path.Combine(_folder, "worker.log");

    private TemporalOptions Temporal => new() { Address = _engine.TargetHost, Namespace = _engine.Namespace };

    public async Task InitializeAsync()
    {
        _engine = await TemporalDevServer.StartAsync();
        _services = await FoodDeliveryServices.StartAsync(new CompositionOptions { DataDirectory = Path.Combine(_folder, "services") });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _engine.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KillAsync_RunningWorker_EndsItsProcessAndLogsTheKill()
    {
        await using var worker = await SagaWorkerProcess.StartAsync(_services, Temporal, settings: null, LogFile);
        using var process = Process.GetProcessById(worker.Pid);
        process.HasExited.Should().BeFalse();

        await worker.KillAsync();

        process.WaitForExit(TimeSpan.FromSeconds(60)).Should().BeTrue("SIGKILL ends the process at once");
        worker.ExitedOnItsOwn.Should().BeFalse("it was killed, it did not crash");
        var log = await File.ReadAllTextAsync(LogFile);
        log.Should().Contain($"worker process {worker.Pid} started")
            .And.Contain($"orchestrator: worker on task queue '{Temporal.TaskQueue}' of {_engine.TargetHost}")
            .And.Contain($"worker process {worker.Pid} killed (SIGKILL)");
    }

    [Fact]
    public async Task StartAsync_SettingTheOrchestratorRefuses_ThrowsWithItsExitCodeAndItsReasonInTheLog()
    {
        var settings = new Dictionary<string, string?> { ["Temporal:Encryption:ActiveKeyId"] = "missing" };

        var start = () => SagaWorkerProcess.StartAsync(_services, Temporal, settings, LogFile);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("exited with code 2").And.Contain(LogFile);
        (await File.ReadAllTextAsync(LogFile)).Should().Contain("ActiveKeyId 'missing' has no key", "the worker got the stack's settings");
    }
}

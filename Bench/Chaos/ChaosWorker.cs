using System.Diagnostics;
using System.Globalization;
using FoodDelivery.LocalStack;

namespace FoodDelivery.Bench.Chaos;

/// <summary>One worker kill as it happened: which process died holding what, and which took over how soon.</summary>
/// <param name="ActivitiesInFlight">Activity tasks the killed process had started and not answered (from the engine, right after the kill).</param>
/// <param name="WorkflowTasksInFlight">Workflow tasks started and not answered at the kill.</param>
/// <param name="NewWorkerReadyAfterSeconds">From the new process's start until the engine handed it its first task.</param>
public sealed record WorkerKill(
    int KilledPid, int SagasInFlight, int ActivitiesInFlight, int WorkflowTasksInFlight, int NewPid, double NewWorkerReadyAfterSeconds);

/// <summary>
/// The chaos run's saga worker: the Orchestrator as a child process (the stack runs none in-process), killed with
/// SIGKILL while it holds tasks and replaced by a new process. Everything the processes print goes to one log.
/// </summary>
public sealed class ChaosWorker(FoodDeliveryStack stack, IDictionary<string, string?> settings, string logFile, WorkerTaskProbe probe) : IAsyncDisposable
{
    /// <summary>How long to look for a moment when the worker holds an activity (ideally a workflow task too) before killing it anyway.</summary>
    private static readonly TimeSpan AimLimit = TimeSpan.FromSeconds(20);

    /// <summary>Within this, the kill waits for an activity and a workflow task held at once; after it, an activity is enough.</summary>
    private static readonly TimeSpan AimForBoth = TimeSpan.FromSeconds(8);

    /// <summary>A workflow task is held for milliseconds only, so the aim looks often.</summary>
    private static readonly TimeSpan AimInterval = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan ReadyInterval = TimeSpan.FromMilliseconds(250);

    private SagaWorkerProcess? _current;

    public string LogFile => logFile;

    public int? Pid => _current?.Pid;

    /// <summary>Why the run's worker is gone without being killed (null while it runs or was killed as planned).</summary>
    public string? ExitedOnItsOwn => _current is { ExitedOnItsOwn: true } worker
        ? string.Create(CultureInfo.InvariantCulture, $"worker process {worker.Pid} exited on its own with code {worker.ExitCode}; see {logFile}")
        : null;

    /// <summary>Starts the first worker process.</summary>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        _current = await SagaWorkerProcess.StartAsync(stack.Services, stack.Temporal, settings, logFile, cancellationToken);

    /// <summary>
    /// Waits (briefly) until the worker holds an activity task and, if possible, a workflow task, kills it with
    /// SIGKILL, counts from the engine what it left half-done, lets <paramref name="downtime"/> pass with no worker,
    /// then starts a new process and returns once the engine handed that one a task.
    /// </summary>
    public async Task<WorkerKill> KillAndRestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        var victim = _current ?? throw new InvalidOperationException("no worker process runs");
        await AimAsync(victim, cancellationToken);
        await victim.KillAsync();
        var held = await probe.HeldByAsync(victim.IdentityPrefix, cancellationToken);
        await victim.DisposeAsync();
        _current = null;

        await Task.Delay(downtime, cancellationToken);
        var started = Stopwatch.StartNew();
        var successor = await SagaWorkerProcess.StartAsync(stack.Services, stack.Temporal, settings, logFile, cancellationToken);
        _current = successor;
        await WaitUntilItTakesTasksAsync(successor, cancellationToken);
        return new WorkerKill(
            victim.Pid, held.Sagas, held.Activities, held.WorkflowTasks, successor.Pid, Math.Round(started.Elapsed.TotalSeconds, 1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }
    }

    /// <summary>Polls the engine until the worker holds work worth interrupting, or the aim's time is up.</summary>
    private async Task AimAsync(SagaWorkerProcess worker, CancellationToken cancellationToken)
    {
        var aiming = Stopwatch.StartNew();
        while (aiming.Elapsed < AimForBoth)
        {
            if (await probe.HoldsActivityAndWorkflowTaskAsync(worker.IdentityPrefix, cancellationToken))
            {
                return;
            }

            await Task.Delay(AimInterval, cancellationToken);
        }

        while (aiming.Elapsed < AimLimit && (await probe.HeldByAsync(worker.IdentityPrefix, cancellationToken)).Activities == 0)
        {
            await Task.Delay(AimInterval, cancellationToken);
        }
    }

    /// <summary>Ready means polling: some saga in flight records a task this process started.</summary>
    private async Task WaitUntilItTakesTasksAsync(SagaWorkerProcess worker, CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.StartNew();
        while (!await probe.HasTakenTaskAsync(worker.IdentityPrefix, cancellationToken))
        {
            if (worker.ExitedOnItsOwn)
            {
                throw new InvalidOperationException($"the new worker process {worker.Pid} exited with code {worker.ExitCode}; see {logFile}");
            }

            if (waiting.Elapsed > ReadyDeadline)
            {
                throw new TimeoutException($"the new worker process {worker.Pid} took no task within {ReadyDeadline.TotalSeconds:0} s; see {logFile}");
            }

            await Task.Delay(ReadyInterval, cancellationToken);
        }
    }
}

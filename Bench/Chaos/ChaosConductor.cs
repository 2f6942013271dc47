using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FoodDelivery.LocalStack;

namespace FoodDelivery.Bench.Chaos;

/// <summary>A fault as it happened: when (seconds into the run, orders ended and in flight), how long, and any error.</summary>
/// <param name="WorkerKill">For a worker kill: the killed and the new process, and what the killed one held.</param>
public sealed record InjectedFault(
    FaultKind Kind,
    string Target,
    double PlannedAtProgress,
    int OrdersEnded,
    int OrdersInFlight,
    double AtSeconds,
    double DurationSeconds,
    string? Error,
    WorkerKill? WorkerKill = null);

/// <summary>
/// Injects the plan's events into the running stack as the orders progress: each fires once its share of the orders
/// has ended. A stopped service is always started again, even when the run is cancelled mid-outage. Also sums the
/// services' rate-based faults, including those of a service instance that was stopped.
/// </summary>
public sealed class ChaosConductor(
    FoodDeliveryStack stack, ChaosWorker worker, FaultPlan plan, ChaosOptions options, ChaosTally tally, TextWriter progress)
{
    /// <summary>How long no worker runs between a kill and the new process (longer than the activities' 2 s start-to-close).</summary>
    private static readonly TimeSpan WorkerDowntime = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ProgressCheck = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentQueue<InjectedFault> _injected = new();
    private long _retiredTransientErrors;
    private long _retiredSlowResponses;

    public IReadOnlyList<InjectedFault> Injected => [.. _injected];

    /// <summary>Fires every planned event in turn; returns when all fired or the run is over (cancellation).</summary>
    public async Task RunAsync(long runStartedAt, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressCheck);
        try
        {
            foreach (var fault in plan.Events)
            {
                while (tally.Ended < fault.AtProgress * options.Orders)
                {
                    await timer.WaitForNextTickAsync(cancellationToken);
                }

                await InjectAsync(fault, runStartedAt, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Every order ended before the rest of the plan was due; the report names what did not happen.
        }
    }

    /// <summary>Rate-based faults injected so far by every service instance (stopped ones included).</summary>
    public IReadOnlyDictionary<FaultKind, long> RateFaults()
    {
        var running = FaultPlan.ServiceNames.Select(stack.Faults).ToList();
        return new Dictionary<FaultKind, long>
        {
            [FaultKind.TransientError] = Interlocked.Read(ref _retiredTransientErrors) + running.Sum(f => f.TransientFailuresInjected),
            [FaultKind.SlowResponse] = Interlocked.Read(ref _retiredSlowResponses) + running.Sum(f => f.SlowResponsesInjected),
        };
    }

    private async Task InjectAsync(ScheduledFault fault, long runStartedAt, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetElapsedTime(runStartedAt).TotalSeconds;
        var ended = tally.Ended;
        var inFlight = tally.Started - ended;
        await progress.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"[chaos] {at:0.0} s: {fault.Kind} {fault.Target} ({ended} orders ended, {inFlight} in flight)"));
        var watch = Stopwatch.StartNew();
        string? error = null;
        WorkerKill? kill = null;
        try
        {
            switch (fault.Kind)
            {
                case FaultKind.ServiceOutage:
                    await OutageAsync(fault.Target, cancellationToken);
                    break;
                case FaultKind.WorkerKill:
                    // SIGKILL to the worker process: no drain, no shutdown code; what it held waits for its timeouts.
                    kill = await worker.KillAndRestartAsync(WorkerDowntime, cancellationToken);
                    await progress.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"[chaos] worker process {kill.KilledPid} killed (SIGKILL) holding {kill.ActivitiesInFlight} activity and {kill.WorkflowTasksInFlight} workflow tasks of {kill.SagasInFlight} sagas; process {kill.NewPid} took its first task {kill.NewWorkerReadyAfterSeconds:0.0} s after its start"));
                    break;
                case FaultKind.DevServerRestart:
                    await stack.RestartDevServerAsync(CancellationToken.None);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "not a scheduled fault");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
            await progress.WriteLineAsync($"[chaos] {fault.Kind} {fault.Target} FAILED: {error}");
        }

        _injected.Enqueue(new InjectedFault(
            fault.Kind, fault.Target, fault.AtProgress, ended, inFlight, Math.Round(at, 1), Math.Round(watch.Elapsed.TotalSeconds, 1), error, kill));
    }

    /// <summary>Stops the service for the outage, then starts it on the same port and file (also when cancelled meanwhile).</summary>
    private async Task OutageAsync(string service, CancellationToken cancellationToken)
    {
        // The stopped instance's counts are final once it is down; the new instance counts from zero.
        var faults = stack.Faults(service);
        await stack.Services.StopAsync(service);
        Interlocked.Add(ref _retiredTransientErrors, faults.TransientFailuresInjected);
        Interlocked.Add(ref _retiredSlowResponses, faults.SlowResponsesInjected);
        try
        {
            await Task.Delay(options.Outage, cancellationToken);
        }
        finally
        {
            await stack.Services.RestartAsync(service, CancellationToken.None);
        }
    }
}

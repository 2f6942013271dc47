using System.Collections.Concurrent;
using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

/// <summary>What a crash test's workflow does: where it fails, blocks, waits for a timer or a signal.</summary>
public sealed record CrashPlan
{
    /// <summary>The "charge" step fails this many attempts before it succeeds.</summary>
    public int ChargeFailures { get; init; }

    /// <summary>Retry interval of the steps (fixed, no growth).</summary>
    public double RetryIntervalSeconds { get; init; } = 0.2;

    /// <summary>The first attempt of "charge" waits until the test releases it (the engine is killed meanwhile).</summary>
    public bool BlockFirstCharge { get; init; }

    /// <summary>The steps heartbeat with a 2 s heartbeat timeout.</summary>
    public bool Heartbeat { get; init; }

    public double TimerSeconds { get; init; }

    public bool WaitForApproval { get; init; }
}

/// <summary>
/// A small saga for crash tests: reserve, optionally wait for a timer and an approval signal, charge. Its result
/// depends only on the plan and the signal, so a run with crashes must return the same as one without.
/// </summary>
[Workflow]
public class CrashWorkflow
{
    private string? _approvedBy;

    [WorkflowRun]
    public async Task<string> RunAsync(CrashPlan plan)
    {
        var options = new ActivityOptions
        {
            StartToCloseTimeout = TimeSpan.FromSeconds(15),
            HeartbeatTimeout = plan.Heartbeat ? TimeSpan.FromSeconds(2) : null,
            RetryPolicy = new RetryPolicy
            {
                InitialInterval = TimeSpan.FromSeconds(plan.RetryIntervalSeconds),
                BackoffCoefficient = 1,
                MaximumAttempts = 10,
            },
        };
        var reserved = await Workflow.ExecuteActivityAsync(() => CrashActivities.StepAsync("reserve", plan), options);
        if (plan.TimerSeconds > 0)
        {
            await Workflow.DelayAsync(TimeSpan.FromSeconds(plan.TimerSeconds));
        }

        if (plan.WaitForApproval)
        {
            await Workflow.WaitConditionAsync(() => _approvedBy is not null);
        }

        var charged = await Workflow.ExecuteActivityAsync(() => CrashActivities.StepAsync("charge", plan), options);
        return $"{reserved}, {charged}, approved by {_approvedBy ?? "nobody"}";
    }

    [WorkflowSignal]
    public Task ApproveAsync(string by)
    {
        _approvedBy ??= by;
        return Task.CompletedTask;
    }
}

/// <summary>What the test sees of one workflow's activities: executions per step, and a gate for a blocked attempt.</summary>
public sealed class CrashProbe
{
    private readonly ConcurrentDictionary<string, int> _executions = new();

    public TaskCompletionSource ChargeBlocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ReleaseCharge { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Executions(string step) => _executions.GetValueOrDefault(step);

    internal void Count(string step) => _executions.AddOrUpdate(step, 1, (_, n) => n + 1);
}

public static class CrashActivities
{
    private static readonly ConcurrentDictionary<string, CrashProbe> Probes = new();

    public static CrashProbe Probe(string workflowId) => Probes.GetOrAdd(workflowId, _ => new CrashProbe());

    [Activity]
    public static async Task<string> StepAsync(string step, CrashPlan plan)
    {
        var context = ActivityExecutionContext.Current;
        var attempt = context.Info.Attempt;
        var probe = Probe(context.Info.WorkflowId ?? "");
        probe.Count(step);
        if (step == "charge" && attempt <= plan.ChargeFailures)
        {
            throw new ApplicationFailureException($"charge attempt {attempt} fails", "Transient");
        }

        if (step == "charge" && plan.BlockFirstCharge && attempt == 1)
        {
            probe.ChargeBlocked.TrySetResult();
            while (!probe.ReleaseCharge.Task.IsCompleted)
            {
                if (plan.Heartbeat)
                {
                    context.Heartbeat();
                }

                await Task.WhenAny(probe.ReleaseCharge.Task, Task.Delay(TimeSpan.FromMilliseconds(200), context.CancellationToken));
                context.CancellationToken.ThrowIfCancellationRequested();
            }
        }

        return $"{step} done";
    }
}

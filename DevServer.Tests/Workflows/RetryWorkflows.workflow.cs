using System.Collections.Concurrent;
using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

/// <summary>Activities that fail on purpose, counting attempts per workflow id.</summary>
public static class FlakyActivities
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    public static int AttemptsOf(string workflowId) => Attempts.GetValueOrDefault(workflowId);

    /// <summary>Fails until the given attempt, then succeeds.</summary>
    [Activity]
    public static string SucceedOnAttempt(int successfulAttempt)
    {
        var info = ActivityExecutionContext.Current.Info;
        Attempts.AddOrUpdate(info.WorkflowId ?? "", 1, (_, n) => n + 1);
        if (info.Attempt < successfulAttempt)
        {
            throw new ApplicationFailureException($"attempt {info.Attempt} fails", "Transient");
        }

        return $"succeeded on attempt {info.Attempt}";
    }

    [Activity]
    public static string FailNonRetryable()
    {
        Attempts.AddOrUpdate(ActivityExecutionContext.Current.Info.WorkflowId ?? "", 1, (_, n) => n + 1);
        throw new ApplicationFailureException("card declined", "CardDeclined", nonRetryable: true);
    }

    /// <summary>Sleeps past its timeouts, heartbeating only if asked; honours cancellation.</summary>
    [Activity]
    public static async Task<string> SleepAsync(TimeSpan duration, bool heartbeat)
    {
        var context = ActivityExecutionContext.Current;
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            if (heartbeat)
            {
                context.Heartbeat(context.Info.Attempt);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), context.CancellationToken);
        }

        return "slept";
    }
}

/// <summary>Runs one activity with the given options and reports the outcome as text (or fails with it).</summary>
[Workflow]
public class RetryWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(string scenario)
    {
        var retry = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromMilliseconds(100),
            BackoffCoefficient = 2,
            MaximumInterval = TimeSpan.FromSeconds(1),
        };
        return scenario switch
        {
            "third-attempt" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SucceedOnAttempt(3),
                new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10), RetryPolicy = retry }),
            "max-attempts" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SucceedOnAttempt(10),
                new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10), RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumAttempts = 2 } }),
            "non-retryable" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.FailNonRetryable(),
                new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10), RetryPolicy = retry }),
            "start-to-close" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SleepAsync(TimeSpan.FromSeconds(10), false),
                new ActivityOptions { StartToCloseTimeout = TimeSpan.FromMilliseconds(500), RetryPolicy = new RetryPolicy { MaximumAttempts = 1 } }),
            "heartbeat" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SleepAsync(TimeSpan.FromSeconds(10), false),
                new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10), HeartbeatTimeout = TimeSpan.FromMilliseconds(500), RetryPolicy = new RetryPolicy { MaximumAttempts = 1 } }),
            "schedule-to-start" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SleepAsync(TimeSpan.Zero, false),
                new ActivityOptions { TaskQueue = "no-worker-polls-this-queue", StartToCloseTimeout = TimeSpan.FromSeconds(10), ScheduleToStartTimeout = TimeSpan.FromMilliseconds(500) }),
            "schedule-to-close" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SleepAsync(TimeSpan.FromSeconds(10), false),
                new ActivityOptions { ScheduleToCloseTimeout = TimeSpan.FromMilliseconds(500), StartToCloseTimeout = TimeSpan.FromSeconds(5) }),
            "retries-exceed-schedule-to-close" => await Workflow.ExecuteActivityAsync(
                () => FlakyActivities.SucceedOnAttempt(1000),
                new ActivityOptions { ScheduleToCloseTimeout = TimeSpan.FromSeconds(1), RetryPolicy = retry }),
            _ => throw new ApplicationFailureException($"unknown scenario {scenario}"),
        };
    }
}

/// <summary>Starts a heartbeating activity, then cancels it on signal, waiting for the activity to confirm.</summary>
[Workflow]
public class CancelActivityWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        var activity = Workflow.ExecuteActivityAsync(
            () => FlakyActivities.SleepAsync(TimeSpan.FromMinutes(1), true),
            new ActivityOptions
            {
                StartToCloseTimeout = TimeSpan.FromMinutes(2),
                HeartbeatTimeout = TimeSpan.FromSeconds(1),
                CancellationToken = cancel.Token,
                CancellationType = ActivityCancellationType.WaitCancellationCompleted,
            });
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(300));
        cancel.Cancel();
        try
        {
            await activity;
            return "completed";
        }
        catch (ActivityFailureException e) when (e.InnerException is CanceledFailureException)
        {
            return "cancelled";
        }
    }
}

/// <summary>Schedules an activity on a queue nobody polls and cancels it before it can start.</summary>
[Workflow]
public class CancelUnstartedActivityWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        var activity = Workflow.ExecuteActivityAsync(
            () => FlakyActivities.SleepAsync(TimeSpan.Zero, false),
            new ActivityOptions
            {
                TaskQueue = "nobody-polls-this-queue",
                StartToCloseTimeout = TimeSpan.FromMinutes(1),
                CancellationToken = cancel.Token,
                CancellationType = ActivityCancellationType.WaitCancellationCompleted,
            });
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(10));
        cancel.Cancel();
        try
        {
            await activity;
            return "completed";
        }
        catch (ActivityFailureException e) when (e.InnerException is CanceledFailureException)
        {
            return "cancelled before start";
        }
    }
}

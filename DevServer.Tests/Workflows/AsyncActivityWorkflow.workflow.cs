using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

public static class AsyncActivities
{
    /// <summary>Hands its completion to someone else (completed later by id through the client).</summary>
    [Activity]
    public static string AwaitExternalCompletion() => throw new CompleteAsyncException();

    /// <summary>Records progress by heartbeat, then fails the first attempt; the retry resumes from the details.</summary>
    [Activity]
    public static string ResumeFromHeartbeat()
    {
        var context = ActivityExecutionContext.Current;
        if (context.Info.Attempt == 1)
        {
            context.Heartbeat("checkpoint-7");
            throw new ApplicationFailureException("crash after checkpoint");
        }

        return context.Info.HeartbeatDetails.Count > 0
            ? $"resumed from {context.Info.HeartbeatDetailAtAsync<string>(0).GetAwaiter().GetResult()}"
            : "no checkpoint";
    }
}

[Workflow]
public class AsyncActivityWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(bool external)
    {
        var options = new ActivityOptions
        {
            ActivityId = "the-activity",
            StartToCloseTimeout = TimeSpan.FromMinutes(1),
            RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(100) },
        };
        return external
            ? await Workflow.ExecuteActivityAsync(() => AsyncActivities.AwaitExternalCompletion(), options)
            : await Workflow.ExecuteActivityAsync(() => AsyncActivities.ResumeFromHeartbeat(), options);
    }
}

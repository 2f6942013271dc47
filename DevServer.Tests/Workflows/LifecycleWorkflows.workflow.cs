using System.Collections.Concurrent;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

/// <summary>Continues as new until the iteration count is reached, then returns it.</summary>
[Workflow]
public class CountdownWorkflow
{
    [WorkflowRun]
    public async Task<int> RunAsync(int iteration, int last)
    {
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(1));
        if (iteration < last)
        {
            throw Workflow.CreateContinueAsNewException((CountdownWorkflow wf) => wf.RunAsync(iteration + 1, last));
        }

        return iteration;
    }
}

/// <summary>Its first workflow task throws (a bug), later attempts succeed: the workflow-task failure path.</summary>
[Workflow]
public class FlakyWorkflowTaskWorkflow
{
    private static readonly ConcurrentDictionary<string, bool> FailedOnce = new();

    [WorkflowRun]
    public Task<string> RunAsync()
    {
        if (!Workflow.Unsafe.IsReplaying && FailedOnce.TryAdd(Workflow.Info.WorkflowId, true))
        {
            throw new InvalidOperationException("a bug in the workflow code");
        }

        return Task.FromResult("recovered");
    }
}

/// <summary>Waits until cancelled, then reports it (the cancellation path).</summary>
[Workflow]
public class WaitForeverWorkflow
{
    [WorkflowRun]
    public async Task RunAsync() => await Workflow.DelayAsync(TimeSpan.FromDays(365));
}

/// <summary>Sleeps an hour, then continues as new, forever: only an execution timeout ends it.</summary>
[Workflow]
public class HourlyLoopWorkflow
{
    [WorkflowRun]
    public async Task RunAsync()
    {
        await Workflow.DelayAsync(TimeSpan.FromHours(1));
        throw Workflow.CreateContinueAsNewException((HourlyLoopWorkflow wf) => wf.RunAsync());
    }
}

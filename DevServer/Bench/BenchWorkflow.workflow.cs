using Temporalio.Activities;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Bench;

/// <summary>The benchmark's unit of work: a workflow with one activity.</summary>
[Workflow]
public class BenchWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(string input) =>
        await Workflow.ExecuteActivityAsync(
            () => BenchActivities.Echo(input),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}

public static class BenchActivities
{
    [Activity]
    public static string Echo(string input) => input;
}

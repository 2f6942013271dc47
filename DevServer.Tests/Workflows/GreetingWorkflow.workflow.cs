using Temporalio.Activities;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

public static class GreetingActivities
{
    [Activity]
    public static string Greet(string name) => $"Hello, {name}!";
}

/// <summary>The smallest real workflow: one activity, its result returned.</summary>
[Workflow]
public class GreetingWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(string name) =>
        await Workflow.ExecuteActivityAsync(
            () => GreetingActivities.Greet(name),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
}

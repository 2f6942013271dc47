using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class ActivityTests(DevServerFixture env)
{
    [Fact]
    public async Task ExecuteActivity_OneActivityWorkflow_ReturnsResultWithCanonicalHistory()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (GreetingWorkflow wf) => wf.RunAsync("Ada"),
                    new WorkflowOptions(DevServerFixture.UniqueName("greet"), taskQueue));

                (await handle.GetResultAsync()).Should().Be("Hello, Ada!");

                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().Equal(
                    EventType.WorkflowExecutionStarted,
                    EventType.WorkflowTaskScheduled,
                    EventType.WorkflowTaskStarted,
                    EventType.WorkflowTaskCompleted,
                    EventType.ActivityTaskScheduled,
                    EventType.ActivityTaskStarted,
                    EventType.ActivityTaskCompleted,
                    EventType.WorkflowTaskScheduled,
                    EventType.WorkflowTaskStarted,
                    EventType.WorkflowTaskCompleted,
                    EventType.WorkflowExecutionCompleted);
                await HistoryAssertions.ReplayAsync<GreetingWorkflow>(history);
            });
    }
}

using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class VisibilityTests(DevServerFixture env)
{
    [Fact]
    public async Task ListWorkflows_ByIdPrefixStatusAndType_FindsMatchingRunsNewestFirst()
    {
        var prefix = DevServerFixture.UniqueName("list");
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet).AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("1"), new WorkflowOptions($"{prefix}-a", taskQueue));
                await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("2"), new WorkflowOptions($"{prefix}-b", taskQueue));
                var running = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), new WorkflowOptions($"{prefix}-c", taskQueue));

                var completed = await ListAsync($"WorkflowId STARTS_WITH '{prefix}' AND ExecutionStatus = 'Completed'");
                var approvals = await ListAsync($"WorkflowId STARTS_WITH '{prefix}' AND (WorkflowType = 'ApprovalWorkflow' OR ExecutionStatus = 'Running')");
                var oldestFirst = await ListAsync($"WorkflowId STARTS_WITH '{prefix}' ORDER BY StartTime ASC");
                var count = await env.Client.CountWorkflowsAsync($"WorkflowId STARTS_WITH '{prefix}'");

                completed.Select(w => w.Id).Should().Equal($"{prefix}-b", $"{prefix}-a");
                approvals.Should().ContainSingle().Which.Status.Should().Be(WorkflowExecutionStatus.Running);
                oldestFirst.Select(w => w.Id).Should().Equal($"{prefix}-a", $"{prefix}-b", $"{prefix}-c");
                count.Count.Should().Be(3);
                await running.TerminateAsync("done");
            });
    }

    [Fact]
    public async Task ListWorkflows_StartTimeComparison_FiltersByTime()
    {
        var prefix = DevServerFixture.UniqueName("list-time");
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("1"), new WorkflowOptions($"{prefix}-a", taskQueue));
                var between = (await env.Client.GetWorkflowHandle($"{prefix}-a").DescribeAsync()).CloseTime!.Value.AddMilliseconds(1);
                await Task.Delay(10);
                await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("2"), new WorkflowOptions($"{prefix}-b", taskQueue));

                var later = await ListAsync($"WorkflowId STARTS_WITH '{prefix}' AND StartTime > '{between:O}'");
                var earlier = await ListAsync($"WorkflowId STARTS_WITH '{prefix}' AND CloseTime <= '{between:O}'");

                later.Select(w => w.Id).Should().Equal($"{prefix}-b");
                earlier.Select(w => w.Id).Should().Equal($"{prefix}-a");
            });
    }

    [Fact]
    public async Task ListWorkflows_MalformedQuery_ThrowsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListAsync("WorkflowId = "));

        error.Code.Should().Be(RpcException.StatusCode.InvalidArgument);
    }

    private async Task<List<WorkflowExecution>> ListAsync(string query)
    {
        var result = new List<WorkflowExecution>();
        await foreach (var execution in env.Client.ListWorkflowsAsync(query))
        {
            result.Add(execution);
        }

        return result;
    }
}

using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class SignalQueryUpdateTests(DevServerFixture env)
{
    [Fact]
    public async Task SignalWorkflow_TwoSignals_WorkflowSeesBothInOrder()
    {
        await WithApprovalAsync(2, async handle =>
        {
            await handle.SignalAsync(wf => wf.ApproveAsync("alice"));
            await handle.SignalAsync(wf => wf.ApproveAsync("bob"));

            (await handle.GetResultAsync()).Should().Be("alice,bob");
            var history = await handle.FetchHistoryAsync();
            history.EventTypes().Count(t => t == EventType.WorkflowExecutionSignaled).Should().Be(2);
            await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(history);
        });
    }

    [Fact]
    public async Task SignalWithStart_NotRunning_StartsWithSignalBeforeFirstTask()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var options = new WorkflowOptions(DevServerFixture.UniqueName("signal-with-start"), taskQueue);
                options.SignalWithStart((ApprovalWorkflow wf) => wf.ApproveAsync("carol"));
                var handle = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options);

                (await handle.GetResultAsync()).Should().Be("carol");
                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Take(3).Should().Equal(
                    EventType.WorkflowExecutionStarted,
                    EventType.WorkflowExecutionSignaled,
                    EventType.WorkflowTaskScheduled);
                await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(history);
            });
    }

    [Fact]
    public async Task QueryWorkflow_RunningAndClosed_AnswersFromWorkflowState()
    {
        await WithApprovalAsync(2, async handle =>
        {
            await handle.SignalAsync(wf => wf.ApproveAsync("dave"));
            await WaitUntilAsync(async () => (await handle.QueryAsync(wf => wf.Approvals)).Count == 1);

            await handle.SignalAsync(wf => wf.ApproveAsync("erin"));
            await handle.GetResultAsync();

            (await handle.QueryAsync(wf => wf.Approvals)).Should().Equal("dave", "erin");
        });
    }

    [Fact]
    public async Task QueryWorkflow_HandlerThrows_FailsWithQueryFailedException()
    {
        await WithApprovalAsync(1, async handle =>
        {
            var failure = await Assert.ThrowsAsync<WorkflowQueryFailedException>(() => handle.QueryAsync(wf => wf.Fails()));
            failure.Message.Should().Contain("always fails");
            await handle.SignalAsync(wf => wf.FinishAsync());
            await handle.GetResultAsync();
        });
    }

    [Fact]
    public async Task UpdateWorkflow_Accepted_ReturnsResultAndWritesAcceptedAndCompletedEvents()
    {
        await WithApprovalAsync(1, async handle =>
        {
            (await handle.ExecuteUpdateAsync(wf => wf.SetLimitAsync(5))).Should().Be(100);
            (await handle.ExecuteUpdateAsync(wf => wf.SetLimitAsync(7))).Should().Be(5);
            await handle.SignalAsync(wf => wf.FinishAsync());
            await handle.GetResultAsync();

            var history = await handle.FetchHistoryAsync();
            history.EventTypes().Count(t => t == EventType.WorkflowExecutionUpdateAccepted).Should().Be(2);
            history.EventTypes().Count(t => t == EventType.WorkflowExecutionUpdateCompleted).Should().Be(2);
            await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(history);
        });
    }

    [Fact]
    public async Task UpdateWorkflow_ValidatorRejects_FailsWithoutHistoryEvents()
    {
        await WithApprovalAsync(1, async handle =>
        {
            var failure = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(() => handle.ExecuteUpdateAsync(wf => wf.SetLimitAsync(-1)));
            failure.InnerException.Should().BeOfType<ApplicationFailureException>().Which.Message.Should().Contain("must not be negative");

            await handle.SignalAsync(wf => wf.FinishAsync());
            await handle.GetResultAsync();
            var history = await handle.FetchHistoryAsync();
            history.EventTypes().Should().NotContain(EventType.WorkflowExecutionUpdateAccepted);
            await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(history);
        });
    }

    [Fact]
    public async Task StartUpdate_WaitForAccepted_ThenResultViaPollWorkflowExecutionUpdate()
    {
        await WithApprovalAsync(1, async handle =>
        {
            var update = await handle.StartUpdateAsync(
                wf => wf.SetLimitAsync(9),
                new WorkflowUpdateStartOptions(WorkflowUpdateStage.Accepted) { Id = "limit-9" });

            (await update.GetResultAsync()).Should().Be(100);
            var again = handle.GetUpdateHandle<int>("limit-9");
            (await again.GetResultAsync()).Should().Be(100);
            await handle.SignalAsync(wf => wf.FinishAsync());
            await handle.GetResultAsync();
        });
    }

    private async Task WithApprovalAsync(int approvals, Func<WorkflowHandle<ApprovalWorkflow, string>, Task> test)
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(approvals),
                    new WorkflowOptions(DevServerFixture.UniqueName("approval"), taskQueue));
                await test(handle);
            });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 10 s");
            }

            await Task.Delay(20);
        }
    }
}

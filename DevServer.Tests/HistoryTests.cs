using FoodDelivery.DevServer.Tests.Workflows;
using Google.Protobuf;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using ApiExecution = Temporalio.Api.Common.V1.WorkflowExecution;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class HistoryTests(DevServerFixture env)
{
    [Fact]
    public async Task GetWorkflowExecutionHistory_SmallPages_ReturnsEveryEventOnceInOrder()
    {
        var handle = await CompletedGreetingAsync();
        var execution = new ApiExecution { WorkflowId = handle.Id, RunId = handle.ResultRunId! };

        var eventIds = new List<long>();
        var token = ByteString.Empty;
        do
        {
            var page = await env.Client.WorkflowService.GetWorkflowExecutionHistoryAsync(new GetWorkflowExecutionHistoryRequest
            {
                Namespace = env.Client.Options.Namespace,
                Execution = execution,
                MaximumPageSize = 3,
                NextPageToken = token,
            });
            page.History.Events.Count.Should().BeLessThanOrEqualTo(3);
            eventIds.AddRange(page.History.Events.Select(e => e.EventId));
            token = page.NextPageToken;
        }
        while (!token.IsEmpty);

        eventIds.Should().Equal(Enumerable.Range(1, 11).Select(i => (long)i));
    }

    [Fact]
    public async Task GetWorkflowExecutionHistoryReverse_SmallPages_ReturnsNewestFirst()
    {
        var handle = await CompletedGreetingAsync();

        var eventIds = new List<long>();
        var token = ByteString.Empty;
        do
        {
            var page = await env.Client.WorkflowService.GetWorkflowExecutionHistoryReverseAsync(new GetWorkflowExecutionHistoryReverseRequest
            {
                Namespace = env.Client.Options.Namespace,
                Execution = new ApiExecution { WorkflowId = handle.Id, RunId = handle.ResultRunId! },
                MaximumPageSize = 4,
                NextPageToken = token,
            });
            eventIds.AddRange(page.History.Events.Select(e => e.EventId));
            token = page.NextPageToken;
        }
        while (!token.IsEmpty);

        eventIds.Should().Equal(Enumerable.Range(1, 11).Reverse().Select(i => (long)i));
    }

    [Fact]
    public async Task GetWorkflowExecutionHistory_CloseEventFilter_ReturnsOnlyTheCloseEvent()
    {
        var handle = await CompletedGreetingAsync();

        var response = await env.Client.WorkflowService.GetWorkflowExecutionHistoryAsync(new GetWorkflowExecutionHistoryRequest
        {
            Namespace = env.Client.Options.Namespace,
            Execution = new ApiExecution { WorkflowId = handle.Id },
            HistoryEventFilterType = HistoryEventFilterType.CloseEvent,
        });

        response.History.Events.Should().ContainSingle().Which.EventType.Should().Be(EventType.WorkflowExecutionCompleted);
    }

    [Fact]
    public async Task GetWorkflowExecutionHistory_WaitNewEvent_ReturnsWhenSignalArrives()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(1),
                    new WorkflowOptions(DevServerFixture.UniqueName("long-poll"), taskQueue));
                await TimerTests.WaitForEventAsync(handle, EventType.WorkflowTaskCompleted);
                var execution = new ApiExecution { WorkflowId = handle.Id, RunId = handle.ResultRunId! };
                var current = await env.Client.WorkflowService.GetWorkflowExecutionHistoryAsync(new GetWorkflowExecutionHistoryRequest
                {
                    Namespace = env.Client.Options.Namespace,
                    Execution = execution,
                    WaitNewEvent = true,
                });
                current.NextPageToken.IsEmpty.Should().BeFalse();

                var waiting = env.Client.WorkflowService.GetWorkflowExecutionHistoryAsync(new GetWorkflowExecutionHistoryRequest
                {
                    Namespace = env.Client.Options.Namespace,
                    Execution = execution,
                    WaitNewEvent = true,
                    NextPageToken = current.NextPageToken,
                });
                await Task.Delay(100);
                waiting.IsCompleted.Should().BeFalse();
                await handle.SignalAsync(wf => wf.ApproveAsync("x"));

                var next = await waiting;
                next.History.Events.First().EventType.Should().Be(EventType.WorkflowExecutionSignaled);
                await handle.GetResultAsync();
            });
    }

    private async Task<WorkflowHandle> CompletedGreetingAsync()
    {
        WorkflowHandle? handle = null;
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                handle = await env.Client.StartWorkflowAsync(
                    (GreetingWorkflow wf) => wf.RunAsync("history"),
                    new WorkflowOptions(DevServerFixture.UniqueName("history"), taskQueue));
                await handle.GetResultAsync();
            });
        return handle!;
    }
}

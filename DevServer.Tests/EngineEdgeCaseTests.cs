using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using ApiExecution = Temporalio.Api.Common.V1.WorkflowExecution;
using ApiTaskQueue = Temporalio.Api.TaskQueue.V1.TaskQueue;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class EngineEdgeCaseTests(DevServerFixture env)
{
    [Fact]
    public async Task RespondWorkflowTaskCompleted_SignalArrivedDuringClosingTask_FailsTaskWithUnhandledCommand()
    {
        // A hand-driven worker makes the race deterministic: the signal lands while the closing task is in flight.
        var service = env.Client.WorkflowService;
        var @namespace = env.Client.Options.Namespace;
        var taskQueue = DevServerFixture.UniqueName("raw");
        var workflowId = DevServerFixture.UniqueName("unhandled");
        await service.StartWorkflowExecutionAsync(new StartWorkflowExecutionRequest
        {
            Namespace = @namespace,
            WorkflowId = workflowId,
            WorkflowType = new Temporalio.Api.Common.V1.WorkflowType { Name = "Raw" },
            TaskQueue = new ApiTaskQueue { Name = taskQueue },
            RequestId = Guid.NewGuid().ToString(),
        });
        var task = await service.PollWorkflowTaskQueueAsync(new PollWorkflowTaskQueueRequest
        {
            Namespace = @namespace,
            TaskQueue = new ApiTaskQueue { Name = taskQueue },
            Identity = "raw-worker",
        });
        await service.SignalWorkflowExecutionAsync(new SignalWorkflowExecutionRequest
        {
            Namespace = @namespace,
            WorkflowExecution = new ApiExecution { WorkflowId = workflowId },
            SignalName = "late",
            RequestId = Guid.NewGuid().ToString(),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => service.RespondWorkflowTaskCompletedAsync(new RespondWorkflowTaskCompletedRequest
        {
            Namespace = @namespace,
            TaskToken = task.TaskToken,
            Identity = "raw-worker",
            Commands =
            {
                new Command
                {
                    CommandType = CommandType.CompleteWorkflowExecution,
                    CompleteWorkflowExecutionCommandAttributes = new CompleteWorkflowExecutionCommandAttributes(),
                },
            },
        }));

        error.Code.Should().Be(RpcException.StatusCode.InvalidArgument);
        var history = await env.Client.GetWorkflowHandle(workflowId).FetchHistoryAsync();
        history.EventTypes().Should().Equal(
            EventType.WorkflowExecutionStarted,
            EventType.WorkflowTaskScheduled,
            EventType.WorkflowTaskStarted,
            EventType.WorkflowTaskFailed,
            EventType.WorkflowExecutionSignaled,
            EventType.WorkflowTaskScheduled);
        history.Events.ElementAt(3).WorkflowTaskFailedEventAttributes.Cause.Should().Be(WorkflowTaskFailedCause.UnhandledCommand);
        await env.Client.GetWorkflowHandle(workflowId).TerminateAsync("done");
    }

    [Fact]
    public async Task StickyQueue_StickyWorkerSilent_TaskFallsBackToNormalQueueWithFullHistory()
    {
        var service = env.Client.WorkflowService;
        var @namespace = env.Client.Options.Namespace;
        var taskQueue = DevServerFixture.UniqueName("sticky");
        var workflowId = DevServerFixture.UniqueName("sticky");
        await service.StartWorkflowExecutionAsync(new StartWorkflowExecutionRequest
        {
            Namespace = @namespace,
            WorkflowId = workflowId,
            WorkflowType = new Temporalio.Api.Common.V1.WorkflowType { Name = "Raw" },
            TaskQueue = new ApiTaskQueue { Name = taskQueue },
            RequestId = Guid.NewGuid().ToString(),
        });
        var first = await service.PollWorkflowTaskQueueAsync(new PollWorkflowTaskQueueRequest
        {
            Namespace = @namespace,
            TaskQueue = new ApiTaskQueue { Name = taskQueue },
        });
        await service.RespondWorkflowTaskCompletedAsync(new RespondWorkflowTaskCompletedRequest
        {
            Namespace = @namespace,
            TaskToken = first.TaskToken,
            StickyAttributes = new Temporalio.Api.TaskQueue.V1.StickyExecutionAttributes
            {
                WorkerTaskQueue = new ApiTaskQueue { Name = taskQueue + "-sticky-nobody-polls", Kind = TaskQueueKind.Sticky, NormalName = taskQueue },
                ScheduleToStartTimeout = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(300)),
            },
        });
        await service.SignalWorkflowExecutionAsync(new SignalWorkflowExecutionRequest
        {
            Namespace = @namespace,
            WorkflowExecution = new ApiExecution { WorkflowId = workflowId },
            SignalName = "wake",
        });

        var second = await service.PollWorkflowTaskQueueAsync(new PollWorkflowTaskQueueRequest
        {
            Namespace = @namespace,
            TaskQueue = new ApiTaskQueue { Name = taskQueue },
        });

        second.TaskToken.IsEmpty.Should().BeFalse();
        second.History.Events.First().EventId.Should().Be(1, "a task moved off the sticky queue carries the full history");
        second.History.Events.Select(e => e.EventType).Should().Contain(EventType.WorkflowExecutionSignaled);
        await env.Client.GetWorkflowHandle(workflowId).TerminateAsync("done");
    }

    [Fact]
    public async Task RequestCancelActivity_NotYetStarted_CancelledAtOnceWithoutStartedEvent()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<CancelUnstartedActivityWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (CancelUnstartedActivityWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("cancel-unstarted"), taskQueue));

                (await handle.GetResultAsync()).Should().Be("cancelled before start");
                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().ContainInOrder(
                    EventType.ActivityTaskScheduled,
                    EventType.ActivityTaskCancelRequested,
                    EventType.ActivityTaskCanceled,
                    EventType.WorkflowExecutionCompleted);
                history.EventTypes().Should().NotContain(EventType.ActivityTaskStarted);
                await HistoryAssertions.ReplayAsync<CancelUnstartedActivityWorkflow>(history);
            });
    }

    [Fact]
    public async Task QueryWorkflow_RejectConditionNotOpenOnClosedWorkflow_IsRejected()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(1),
                    new WorkflowOptions(DevServerFixture.UniqueName("query-reject"), taskQueue));
                await handle.SignalAsync(wf => wf.FinishAsync());
                await handle.GetResultAsync();

                var rejected = await Assert.ThrowsAsync<WorkflowQueryRejectedException>(() => handle.QueryAsync(
                    wf => wf.Approvals,
                    new WorkflowQueryOptions { RejectCondition = QueryRejectCondition.NotOpen }));

                rejected.WorkflowStatus.Should().Be(WorkflowExecutionStatus.Completed);
            });
    }

    [Fact]
    public async Task WorkerRestart_WorkflowCachedOnOldWorker_NewWorkerFinishesIt()
    {
        var taskQueue = DevServerFixture.UniqueName("restart");
        var workflowId = DevServerFixture.UniqueName("restart");
        WorkflowHandle<ApprovalWorkflow, string> handle;
        using (var first = new Temporalio.Worker.TemporalWorker(env.Client, new Temporalio.Worker.TemporalWorkerOptions(taskQueue).AddWorkflow<ApprovalWorkflow>()))
        {
            handle = await first.ExecuteAsync(async () =>
            {
                var started = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(2),
                    new WorkflowOptions(workflowId, taskQueue));
                await started.SignalAsync(wf => wf.ApproveAsync("before-restart"));
                await TimerTests.WaitForEventAsync(started, EventType.WorkflowTaskCompleted);
                return started;
            });
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var second = new Temporalio.Worker.TemporalWorker(env.Client, new Temporalio.Worker.TemporalWorkerOptions(taskQueue).AddWorkflow<ApprovalWorkflow>());
        var result = await second.ExecuteAsync(async () =>
        {
            await handle.SignalAsync(wf => wf.ApproveAsync("after-restart"));
            return await handle.GetResultAsync();
        });

        result.Should().Be("before-restart,after-restart");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(await handle.FetchHistoryAsync());
    }

    [Fact]
    public async Task RespondActivityTaskCompletedById_AsyncActivity_CompletesWorkflow()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<AsyncActivityWorkflow>().AddActivity(AsyncActivities.AwaitExternalCompletion),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (AsyncActivityWorkflow wf) => wf.RunAsync(true),
                    new WorkflowOptions(DevServerFixture.UniqueName("async-activity"), taskQueue));
                var activity = env.Client.GetAsyncActivityHandle(handle.Id, handle.ResultRunId!, "the-activity");
                await WaitUntilActivityStartedAsync(handle);

                await activity.HeartbeatAsync();
                await activity.CompleteAsync("done from outside");

                (await handle.GetResultAsync()).Should().Be("done from outside");
                await HistoryAssertions.ReplayAsync<AsyncActivityWorkflow>(await handle.FetchHistoryAsync());
            });
    }

    [Fact]
    public async Task ActivityRetry_AfterHeartbeat_NextAttemptGetsLastHeartbeatDetails()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<AsyncActivityWorkflow>().AddActivity(AsyncActivities.ResumeFromHeartbeat),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (AsyncActivityWorkflow wf) => wf.RunAsync(false),
                    new WorkflowOptions(DevServerFixture.UniqueName("heartbeat-details"), taskQueue));

                (await handle.GetResultAsync()).Should().Be("resumed from checkpoint-7");
            });
    }

    [Fact]
    public async Task UpdateWorkflow_ClosedWorkflow_ThrowsNotFound()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(1),
                    new WorkflowOptions(DevServerFixture.UniqueName("update-closed"), taskQueue));
                await handle.SignalAsync(wf => wf.FinishAsync());
                await handle.GetResultAsync();

                var error = await Assert.ThrowsAsync<RpcException>(() => handle.ExecuteUpdateAsync(wf => wf.SetLimitAsync(1)));

                error.Code.Should().Be(RpcException.StatusCode.NotFound);
            });
    }

    [Fact]
    public async Task Retention_MoreClosedRunsThanTheBound_OldestAreForgotten()
    {
        await using var server = await TemporalDevServer.StartAsync(new DevServerOptions { MaxClosedWorkflows = 2 });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost) { Namespace = server.Namespace });
        var service = client.WorkflowService;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = $"retained-{i}";
            ids.Add(id);
            await service.StartWorkflowExecutionAsync(new StartWorkflowExecutionRequest
            {
                Namespace = server.Namespace,
                WorkflowId = id,
                WorkflowType = new Temporalio.Api.Common.V1.WorkflowType { Name = "Raw" },
                TaskQueue = new ApiTaskQueue { Name = "retention" },
                RequestId = Guid.NewGuid().ToString(),
            });
            await client.GetWorkflowHandle(id).TerminateAsync("closing");
        }

        var oldest = await Assert.ThrowsAsync<RpcException>(() => client.GetWorkflowHandle(ids[0]).DescribeAsync());
        oldest.Code.Should().Be(RpcException.StatusCode.NotFound);
        (await client.GetWorkflowHandle(ids[2]).DescribeAsync()).Status.Should().Be(WorkflowExecutionStatus.Terminated);
        (await client.CountWorkflowsAsync("")).Count.Should().Be(2);
    }

    private async Task WaitUntilActivityStartedAsync(WorkflowHandle handle)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var description = await env.Client.WorkflowService.DescribeWorkflowExecutionAsync(new DescribeWorkflowExecutionRequest
            {
                Namespace = env.Client.Options.Namespace,
                Execution = new ApiExecution { WorkflowId = handle.Id },
            });
            if (description.PendingActivities.Any(a => a.State == PendingActivityState.Started))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("activity did not start within 10 s");
    }
}

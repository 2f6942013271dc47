using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class WorkflowLifecycleTests(DevServerFixture env)
{
    [Fact]
    public async Task StartWorkflow_SameIdWhileRunning_ThrowsAlreadyStartedWithRunId()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var options = new WorkflowOptions(DevServerFixture.UniqueName("duplicate"), taskQueue);
                var first = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options);

                var duplicate = await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(
                    () => env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options));

                duplicate.WorkflowId.Should().Be(options.Id);
                duplicate.RunId.Should().Be(first.ResultRunId);
                await first.TerminateAsync("done");
            });
    }

    [Fact]
    public async Task StartWorkflow_ConflictPolicyUseExisting_ReturnsRunningRun()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var options = new WorkflowOptions(DevServerFixture.UniqueName("use-existing"), taskQueue)
                {
                    IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                };
                var first = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options);
                var second = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options);

                second.ResultRunId.Should().Be(first.ResultRunId);
                await first.TerminateAsync("done");
            });
    }

    [Fact]
    public async Task StartWorkflow_ConflictPolicyTerminateExisting_TerminatesOldRun()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var options = new WorkflowOptions(DevServerFixture.UniqueName("terminate-existing"), taskQueue)
                {
                    IdConflictPolicy = WorkflowIdConflictPolicy.TerminateExisting,
                };
                var first = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options);
                var second = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), options);

                second.ResultRunId.Should().NotBe(first.ResultRunId);
                (await env.Client.GetWorkflowHandle(options.Id!, runId: first.ResultRunId).DescribeAsync()).Status.Should().Be(WorkflowExecutionStatus.Terminated);
                await second.TerminateAsync("done");
            });
    }

    [Fact]
    public async Task StartWorkflow_ReusePolicyRejectDuplicate_ThrowsAfterClose()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                var options = new WorkflowOptions(DevServerFixture.UniqueName("reject-duplicate"), taskQueue)
                {
                    IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
                };
                await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("a"), options);

                await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(
                    () => env.Client.StartWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("b"), options));
            });
    }

    [Fact]
    public async Task StartWorkflow_ReusePolicyAllowDuplicate_StartsNewRunAfterClose()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                var options = new WorkflowOptions(DevServerFixture.UniqueName("allow-duplicate"), taskQueue);
                await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("a"), options);

                var result = await env.Client.ExecuteWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("b"), options);

                result.Should().Be("Hello, b!");
            });
    }

    [Fact]
    public async Task StartWorkflow_SameRequestId_ReturnsSameRunWithoutSecondStart()
    {
        var request = new Temporalio.Api.WorkflowService.V1.StartWorkflowExecutionRequest
        {
            Namespace = env.Client.Options.Namespace,
            WorkflowId = DevServerFixture.UniqueName("request-id"),
            WorkflowType = new Temporalio.Api.Common.V1.WorkflowType { Name = "NoWorkerNeeded" },
            TaskQueue = new Temporalio.Api.TaskQueue.V1.TaskQueue { Name = DevServerFixture.UniqueName("tq") },
            RequestId = Guid.NewGuid().ToString(),
        };

        var first = await env.Client.WorkflowService.StartWorkflowExecutionAsync(request);
        var second = await env.Client.WorkflowService.StartWorkflowExecutionAsync(request);

        second.RunId.Should().Be(first.RunId);
        await env.Client.GetWorkflowHandle(request.WorkflowId).TerminateAsync("done");
    }

    [Fact]
    public async Task StartWorkflow_MemoAndSearchAttributes_AreKeptAndDescribed()
    {
        var orderKey = SearchAttributeKey.CreateKeyword("OrderKey");
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(1),
                    new WorkflowOptions(DevServerFixture.UniqueName("memo"), taskQueue)
                    {
                        Memo = new Dictionary<string, object> { ["customer"] = "c-42" },
                        TypedSearchAttributes = new SearchAttributeCollection.Builder().Set(orderKey, "o-7").ToSearchAttributeCollection(),
                    });

                var description = await handle.DescribeAsync();

                description.Status.Should().Be(WorkflowExecutionStatus.Running);
                description.WorkflowType.Should().Be("ApprovalWorkflow");
                description.TaskQueue.Should().Be(taskQueue);
                (await description.Memo["customer"].ToValueAsync<string>()).Should().Be("c-42");
                description.TypedSearchAttributes.Get(orderKey).Should().Be("o-7");
                await handle.TerminateAsync("done");
            });
    }

    [Fact]
    public async Task TerminateWorkflow_Running_ClosesAsTerminatedWithReason()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(1),
                    new WorkflowOptions(DevServerFixture.UniqueName("terminate"), taskQueue));
                await TimerTests.WaitForEventAsync(handle, EventType.WorkflowTaskCompleted);

                await handle.TerminateAsync("operator stop");

                var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
                failure.InnerException.Should().BeOfType<TerminatedFailureException>().Which.Message.Should().Be("operator stop");
                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Last().Should().Be(EventType.WorkflowExecutionTerminated);
                await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(history);
            });
    }

    [Fact]
    public async Task CancelWorkflow_Running_WorkflowObservesCancellationAndCloses()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<WaitForeverWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (WaitForeverWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("cancel"), taskQueue));
                await TimerTests.WaitForEventAsync(handle, EventType.TimerStarted);

                await handle.CancelAsync();

                var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
                failure.InnerException.Should().BeOfType<CanceledFailureException>();
                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().ContainInOrder(
                    EventType.WorkflowExecutionCancelRequested,
                    EventType.TimerCanceled,
                    EventType.WorkflowExecutionCanceled);
                await HistoryAssertions.ReplayAsync<WaitForeverWorkflow>(history);
            });
    }

    [Fact]
    public async Task ContinueAsNew_ThreeRuns_ResultFollowsChainToLastRun()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<CountdownWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (CountdownWorkflow wf) => wf.RunAsync(1, 3),
                    new WorkflowOptions(DevServerFixture.UniqueName("continue"), taskQueue));

                (await handle.GetResultAsync()).Should().Be(3);

                var firstRun = await env.Client.GetWorkflowHandle(handle.Id, runId: handle.ResultRunId).FetchHistoryAsync();
                firstRun.EventTypes().Last().Should().Be(EventType.WorkflowExecutionContinuedAsNew);
                await HistoryAssertions.ReplayAsync<CountdownWorkflow>(firstRun);
                var latest = env.Client.GetWorkflowHandle(handle.Id);
                var lastRun = await latest.FetchHistoryAsync();
                lastRun.Events.First().WorkflowExecutionStartedEventAttributes.ContinuedExecutionRunId.Should().NotBeEmpty();
                lastRun.Events.First().WorkflowExecutionStartedEventAttributes.FirstExecutionRunId.Should().Be(handle.ResultRunId);
                await HistoryAssertions.ReplayAsync<CountdownWorkflow>(lastRun);
            });
    }

    [Fact]
    public async Task WorkflowTaskFailure_FirstAttemptThrows_RetriedWithNextAttempt()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<FlakyWorkflowTaskWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (FlakyWorkflowTaskWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("wft-failure"), taskQueue) { TaskTimeout = TimeSpan.FromSeconds(1) });

                (await handle.GetResultAsync()).Should().Be("recovered");

                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().ContainInOrder(
                    EventType.WorkflowTaskStarted,
                    EventType.WorkflowTaskFailed,
                    EventType.WorkflowTaskScheduled,
                    EventType.WorkflowTaskStarted,
                    EventType.WorkflowTaskCompleted,
                    EventType.WorkflowExecutionCompleted);
                history.Events.First(e => e.EventType == EventType.WorkflowTaskFailed)
                    .WorkflowTaskFailedEventAttributes.Failure.Message.Should().Contain("a bug in the workflow code");
                history.Events.Last(e => e.EventType == EventType.WorkflowTaskScheduled)
                    .WorkflowTaskScheduledEventAttributes.Attempt.Should().Be(2);
                await HistoryAssertions.ReplayAsync<FlakyWorkflowTaskWorkflow>(history);
            });
    }

    [Fact]
    public async Task RunTimeout_Exceeded_ClosesAsTimedOut()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<WaitForeverWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (WaitForeverWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("run-timeout"), taskQueue)
                    {
                        RunTimeout = env.IsDevServer ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds(2),
                    });

                var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
                failure.InnerException.Should().BeOfType<TimeoutFailureException>();
                (await handle.FetchHistoryAsync()).EventTypes().Last().Should().Be(EventType.WorkflowExecutionTimedOut);
            });
    }

    [Fact]
    public async Task ExecutionTimeout_SpansContinueAsNew_TimesOutTheThirdRun()
    {
        if (!env.IsDevServer)
        {
            return; // Hours of workflow time need virtual time.
        }

        await env.WithWorkerAsync(
            o => o.AddWorkflow<HourlyLoopWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (HourlyLoopWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("execution-timeout"), taskQueue)
                    {
                        ExecutionTimeout = TimeSpan.FromMinutes(150),
                    });

                var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());

                failure.InnerException.Should().BeOfType<TimeoutFailureException>();
                var lastRun = await env.Client.GetWorkflowHandle(handle.Id).FetchHistoryAsync();
                lastRun.EventTypes().Last().Should().Be(EventType.WorkflowExecutionTimedOut);
                lastRun.Events.First().WorkflowExecutionStartedEventAttributes.FirstExecutionRunId.Should().Be(handle.ResultRunId);
                var runs = await env.Client.CountWorkflowsAsync($"WorkflowId = '{handle.Id}'");
                runs.Count.Should().Be(3);
            });
    }

    [Fact]
    public async Task ExecutionTimeout_WorkerPollsOnlyAfterResultIsAwaited_TimeIsNotSkippedPastTheFirstTask()
    {
        if (!env.IsDevServer)
        {
            return; // Hours of workflow time need virtual time.
        }

        // The race behind the once-flaky test above, made certain: the client awaits the result before the worker's
        // first poll reaches the fresh task queue. The waiting first workflow task must hold virtual time back.
        var taskQueue = DevServerFixture.UniqueName("tq");
        var handle = await env.Client.StartWorkflowAsync(
            (HourlyLoopWorkflow wf) => wf.RunAsync(),
            new WorkflowOptions(DevServerFixture.UniqueName("late-worker"), taskQueue) { ExecutionTimeout = TimeSpan.FromMinutes(150) });
        var result = handle.GetResultAsync();
        await WaitUntilAsync(() => result.IsCompleted || env.Server!.Engine.ResultWaiters > 0);

        using var worker = new TemporalWorker(env.Client, new TemporalWorkerOptions(taskQueue).AddWorkflow<HourlyLoopWorkflow>());
        await worker.ExecuteAsync(async () =>
        {
            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => result);

            failure.InnerException.Should().BeOfType<TimeoutFailureException>();
            var runs = await env.Client.CountWorkflowsAsync($"WorkflowId = '{handle.Id}'");
            runs.Count.Should().Be(3, "the first run's one-hour timer fires before the 150-minute execution timeout");
        });
    }

    [Fact]
    public async Task DescribeWorkflow_Completed_ReportsStatusTimesAndHistoryLength()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (GreetingWorkflow wf) => wf.RunAsync("x"),
                    new WorkflowOptions(DevServerFixture.UniqueName("describe"), taskQueue));
                await handle.GetResultAsync();

                var description = await handle.DescribeAsync();

                description.Status.Should().Be(WorkflowExecutionStatus.Completed);
                description.CloseTime.Should().NotBeNull();
                description.CloseTime.Should().BeOnOrAfter(description.StartTime);
                description.HistoryLength.Should().Be(11);
            });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 60 s");
            await Task.Delay(10);
        }
    }
}

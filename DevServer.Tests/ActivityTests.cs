using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class ActivityTests(DevServerFixture env)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecuteActivity_OneActivityWorkflow_ReturnsResultWithCanonicalHistory(bool eagerStart)
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<GreetingWorkflow>().AddActivity(GreetingActivities.Greet),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (GreetingWorkflow wf) => wf.RunAsync("Ada"),
                    new WorkflowOptions(DevServerFixture.UniqueName("greet"), taskQueue) { RequestEagerStart = eagerStart });

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
                history.Events.ElementAt(4).ActivityTaskScheduledEventAttributes.ActivityId.Should().NotBeEmpty();
                history.Events.ElementAt(6).ActivityTaskCompletedEventAttributes.StartedEventId.Should().Be(6);
                history.Events.ElementAt(3).WorkflowTaskCompletedEventAttributes.SdkMetadata.Should().NotBeNull();
                await HistoryAssertions.ReplayAsync<GreetingWorkflow>(history);
            });
    }

    [Fact]
    public async Task ActivityRetry_FailsTwiceThenSucceeds_RetriesServerSideWithoutHistoryEvents()
    {
        await RunScenarioAsync("third-attempt", async (handle, workflowId) =>
        {
            (await handle.GetResultAsync<string>()).Should().Be("succeeded on attempt 3");
            FlakyActivities.AttemptsOf(workflowId).Should().Be(3);

            var history = await handle.FetchHistoryAsync();
            history.EventTypes().Count(t => t == EventType.ActivityTaskStarted).Should().Be(1);
            var started = history.Events.Single(e => e.EventType == EventType.ActivityTaskStarted).ActivityTaskStartedEventAttributes;
            started.Attempt.Should().Be(3);
            started.LastFailure.Message.Should().Be("attempt 2 fails");
            await HistoryAssertions.ReplayAsync<RetryWorkflow>(history);
        });
    }

    [Fact]
    public async Task ActivityRetry_MaximumAttemptsReached_FailsWithRetryState()
    {
        await RunScenarioAsync("max-attempts", async (handle, workflowId) =>
        {
            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync<string>());
            var activityFailure = failure.InnerException.Should().BeOfType<ActivityFailureException>().Subject;
            activityFailure.RetryState.Should().Be(Temporalio.Api.Enums.V1.RetryState.MaximumAttemptsReached);
            FlakyActivities.AttemptsOf(workflowId).Should().Be(2);

            var history = await handle.FetchHistoryAsync();
            history.EventTypes().Should().Contain(EventType.ActivityTaskFailed);
            await HistoryAssertions.ReplayAsync<RetryWorkflow>(history);
        });
    }

    [Fact]
    public async Task ActivityRetry_NonRetryableFailure_FailsOnFirstAttempt()
    {
        await RunScenarioAsync("non-retryable", async (handle, workflowId) =>
        {
            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync<string>());
            var activityFailure = failure.InnerException.Should().BeOfType<ActivityFailureException>().Subject;
            activityFailure.RetryState.Should().Be(Temporalio.Api.Enums.V1.RetryState.NonRetryableFailure);
            activityFailure.InnerException.Should().BeOfType<ApplicationFailureException>()
                .Which.ErrorType.Should().Be("CardDeclined");
            FlakyActivities.AttemptsOf(workflowId).Should().Be(1);
            await HistoryAssertions.ReplayAsync<RetryWorkflow>(await handle.FetchHistoryAsync());
        });
    }

    [Theory]
    [InlineData("start-to-close", TimeoutType.StartToClose)]
    [InlineData("heartbeat", TimeoutType.Heartbeat)]
    [InlineData("schedule-to-start", TimeoutType.ScheduleToStart)]
    [InlineData("schedule-to-close", TimeoutType.ScheduleToClose)]
    [InlineData("retries-exceed-schedule-to-close", TimeoutType.ScheduleToClose)]
    public async Task ActivityTimeout_Exceeded_FailsWithTimeoutFailureOfThatType(string scenario, TimeoutType expected)
    {
        await RunScenarioAsync(scenario, async (handle, _) =>
        {
            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync<string>());
            var activityFailure = failure.InnerException.Should().BeOfType<ActivityFailureException>().Subject;
            activityFailure.InnerException.Should().BeOfType<TimeoutFailureException>()
                .Which.TimeoutType.Should().Be((Temporalio.Api.Enums.V1.TimeoutType)expected);

            var history = await handle.FetchHistoryAsync();
            var timedOut = history.Events.Single(e => e.EventType == EventType.ActivityTaskTimedOut).ActivityTaskTimedOutEventAttributes;
            timedOut.Failure.TimeoutFailureInfo.TimeoutType.Should().Be(expected);
            await HistoryAssertions.ReplayAsync<RetryWorkflow>(history);
        });
    }

    [Fact]
    public async Task ActivityCancellation_WaitCancellationCompleted_ActivitySeesCancelThroughHeartbeat()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<CancelActivityWorkflow>().AddActivity(FlakyActivities.SleepAsync),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (CancelActivityWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("cancel-activity"), taskQueue));

                (await handle.GetResultAsync()).Should().Be("cancelled");

                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().ContainInOrder(
                    EventType.ActivityTaskScheduled,
                    EventType.TimerStarted,
                    EventType.TimerFired,
                    EventType.ActivityTaskCancelRequested,
                    EventType.ActivityTaskStarted,
                    EventType.ActivityTaskCanceled,
                    EventType.WorkflowExecutionCompleted);
                await HistoryAssertions.ReplayAsync<CancelActivityWorkflow>(history);
            });
    }

    private async Task RunScenarioAsync(string scenario, Func<WorkflowHandle, string, Task> assert)
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<RetryWorkflow>()
                .AddActivity(FlakyActivities.SucceedOnAttempt)
                .AddActivity(FlakyActivities.FailNonRetryable)
                .AddActivity(FlakyActivities.SleepAsync),
            async taskQueue =>
            {
                var workflowId = DevServerFixture.UniqueName(scenario);
                var handle = await env.Client.StartWorkflowAsync(
                    (RetryWorkflow wf) => wf.RunAsync(scenario),
                    new WorkflowOptions(workflowId, taskQueue));
                await assert(handle, workflowId);
            });
    }
}

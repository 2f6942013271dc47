using System.Diagnostics;
using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests;

/// <summary>
/// Virtual time skips to pending activity deadlines too, not only to workflow timers: a retry backoff and a
/// schedule-to-close timeout are reached in milliseconds of real time while a client awaits the result.
/// </summary>
[Collection(DevServerCollection.Name)]
public class TimeSkippingActivityTests(DevServerFixture env)
{
    // Against a real Temporal server there is no virtual time: short intervals keep the tests meaningful there.
    private TimeSpan Interval => env.IsDevServer ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RetryBackoff_TenMinutesWithVirtualTime_NextAttemptRunsAtOnce()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<LongBackoffWorkflow>().AddActivity(FlakyActivities.SucceedOnAttempt),
            async taskQueue =>
            {
                var clock = Stopwatch.StartNew();
                var handle = await env.Client.StartWorkflowAsync(
                    (LongBackoffWorkflow wf) => wf.RunAsync(Interval, false),
                    new WorkflowOptions(DevServerFixture.UniqueName("long-backoff"), taskQueue));

                (await handle.GetResultAsync()).Should().Be("succeeded on attempt 2");
                if (env.IsDevServer)
                {
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the backoff is skipped, not waited for");
                }

                var history = await handle.FetchHistoryAsync();
                var scheduled = history.Events.Single(e => e.EventType == EventType.ActivityTaskScheduled);
                var completed = history.Events.Single(e => e.EventType == EventType.ActivityTaskCompleted);
                (completed.EventTime.ToDateTime() - scheduled.EventTime.ToDateTime()).Should().BeGreaterThanOrEqualTo(Interval);
                await HistoryAssertions.ReplayAsync<LongBackoffWorkflow>(history);
            });
    }

    [Fact]
    public async Task ScheduleToClose_RetriesWithLongBackoff_TimesOutAtOnceInVirtualTime()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<LongBackoffWorkflow>().AddActivity(FlakyActivities.SucceedOnAttempt),
            async taskQueue =>
            {
                var clock = Stopwatch.StartNew();
                var handle = await env.Client.StartWorkflowAsync(
                    (LongBackoffWorkflow wf) => wf.RunAsync(Interval, true),
                    new WorkflowOptions(DevServerFixture.UniqueName("long-backoff-timeout"), taskQueue));

                var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
                failure.InnerException.Should().BeOfType<ActivityFailureException>()
                    .Which.InnerException.Should().BeOfType<TimeoutFailureException>()
                    .Which.TimeoutType.Should().Be(TimeoutType.ScheduleToClose);
                if (env.IsDevServer)
                {
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the backoffs and the timeout are skipped, not waited for");
                }

                var history = await handle.FetchHistoryAsync();
                var scheduled = history.Events.Single(e => e.EventType == EventType.ActivityTaskScheduled);
                var timedOut = history.Events.Single(e => e.EventType == EventType.ActivityTaskTimedOut);
                (timedOut.EventTime.ToDateTime() - scheduled.EventTime.ToDateTime()).Should().BeGreaterThanOrEqualTo(Interval * 3);
                await HistoryAssertions.ReplayAsync<LongBackoffWorkflow>(history);
            });
    }
}

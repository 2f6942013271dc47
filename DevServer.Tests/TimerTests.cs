using System.Diagnostics;
using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class TimerTests(DevServerFixture env)
{
    [Fact]
    public async Task StartTimer_FiveMinutesWithVirtualTime_CompletesInMilliseconds()
    {
        // Against a real Temporal server there is no virtual time: a short timer keeps the test meaningful.
        var delay = env.IsDevServer ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(2);
        await env.WithWorkerAsync(
            o => o.AddWorkflow<TimerWorkflow>(),
            async taskQueue =>
            {
                var clock = Stopwatch.StartNew();
                var handle = await env.Client.StartWorkflowAsync(
                    (TimerWorkflow wf) => wf.RunAsync(delay),
                    new WorkflowOptions(DevServerFixture.UniqueName("timer"), taskQueue));

                (await handle.GetResultAsync()).Should().BeGreaterThanOrEqualTo(delay);
                if (env.IsDevServer)
                {
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
                }

                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().Equal(
                    EventType.WorkflowExecutionStarted,
                    EventType.WorkflowTaskScheduled,
                    EventType.WorkflowTaskStarted,
                    EventType.WorkflowTaskCompleted,
                    EventType.TimerStarted,
                    EventType.TimerFired,
                    EventType.WorkflowTaskScheduled,
                    EventType.WorkflowTaskStarted,
                    EventType.WorkflowTaskCompleted,
                    EventType.WorkflowExecutionCompleted);
                var fired = history.Events.Single(e => e.EventType == EventType.TimerFired);
                var started = history.Events.Single(e => e.EventType == EventType.TimerStarted);
                (fired.EventTime.ToDateTime() - started.EventTime.ToDateTime()).Should().BeGreaterThanOrEqualTo(delay);
                await HistoryAssertions.ReplayAsync<TimerWorkflow>(history);
            });
    }

    [Fact]
    public async Task TimeSkipping_QueriedWhileAwaitingResult_TimerFiresAtOnce()
    {
        var delay = env.IsDevServer ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(2);
        await env.WithWorkerAsync(
            o => o.AddWorkflow<QueryableTimerWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (QueryableTimerWorkflow wf) => wf.RunAsync(delay),
                    new WorkflowOptions(DevServerFixture.UniqueName("queried-timer"), taskQueue));
                (await handle.QueryAsync(wf => wf.Status)).Should().Be("sleeping");
                using var stop = new CancellationTokenSource();
                var queries = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await handle.QueryAsync(wf => wf.Status);
                        await Task.Delay(25);
                    }
                });

                var clock = Stopwatch.StartNew();
                (await handle.GetResultAsync()).Should().Be("woke");
                clock.Stop();
                await stop.CancelAsync();
                await queries;
                if (env.IsDevServer)
                {
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a finished query must let virtual time jump");
                }
            });
    }

    [Fact]
    public async Task CancelTimer_SignalBeforeDeadline_WritesTimerCanceled()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<CancelTimerWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (CancelTimerWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("cancel-timer"), taskQueue));
                await WaitForEventAsync(handle, EventType.TimerStarted);

                await handle.SignalAsync(wf => wf.StopAsync());

                (await handle.GetResultAsync()).Should().Be("signalled");
                var history = await handle.FetchHistoryAsync();
                history.EventTypes().Should().ContainInOrder(
                    EventType.TimerStarted,
                    EventType.WorkflowExecutionSignaled,
                    EventType.WorkflowTaskCompleted,
                    EventType.TimerCanceled,
                    EventType.WorkflowExecutionCompleted);
                await HistoryAssertions.ReplayAsync<CancelTimerWorkflow>(history);
            });
    }

    [Fact]
    public async Task AdvanceTime_PastPendingTimer_FiresItWithoutAwaitingResult()
    {
        if (env.Server is not { } server)
        {
            return; // AdvanceTimeAsync is a DevServer API; a real Temporal server has no virtual clock.
        }

        await env.WithWorkerAsync(
            o => o.AddWorkflow<CancelTimerWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (CancelTimerWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("advance"), taskQueue));
                await WaitForEventAsync(handle, EventType.TimerStarted);
                var before = server.UtcNow;

                await server.AdvanceTimeAsync(TimeSpan.FromHours(2));

                server.UtcNow.Should().BeOnOrAfter(before + TimeSpan.FromHours(2));
                await WaitForEventAsync(handle, EventType.TimerFired);
                (await handle.GetResultAsync()).Should().Be("timed out");
                await HistoryAssertions.ReplayAsync<CancelTimerWorkflow>(await handle.FetchHistoryAsync());
            });
    }

    [Fact]
    public async Task VirtualTime_WorkflowWaitsForSignal_DoesNotSkipWhileNobodyAwaitsResult()
    {
        if (!env.IsDevServer)
        {
            return; // Only the DevServer skips time.
        }

        await env.WithWorkerAsync(
            o => o.AddWorkflow<CancelTimerWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (CancelTimerWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("no-skip"), taskQueue));
                await WaitForEventAsync(handle, EventType.TimerStarted);
                await Task.Delay(200);

                await handle.SignalAsync(wf => wf.StopAsync());

                (await handle.GetResultAsync()).Should().Be("signalled");
            });
    }

    [Fact]
    public async Task TimeSkippingWhenIdle_NobodyAwaitsResult_LongTimerStillFiresAtOnce()
    {
        await using var server = await TemporalDevServer.StartAsync(new DevServerOptions { TimeSkipping = TimeSkippingMode.WhenIdle });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost) { Namespace = server.Namespace });
        var taskQueue = DevServerFixture.UniqueName("when-idle");
        using var worker = new Temporalio.Worker.TemporalWorker(client, new Temporalio.Worker.TemporalWorkerOptions(taskQueue).AddWorkflow<TimerWorkflow>());
        await worker.ExecuteAsync(async () =>
        {
            var before = server.UtcNow;
            var handle = await client.StartWorkflowAsync(
                (TimerWorkflow wf) => wf.RunAsync(TimeSpan.FromHours(3)),
                new WorkflowOptions(DevServerFixture.UniqueName("when-idle"), taskQueue));

            await WaitForEventAsync(handle, EventType.WorkflowExecutionCompleted);

            server.UtcNow.Should().BeOnOrAfter(before + TimeSpan.FromHours(3));
        });
    }

    internal static async Task WaitForEventAsync(WorkflowHandle handle, EventType type)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var history = await handle.FetchHistoryAsync();
            if (history.EventTypes().Contains(type))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no {type} event within 10 s");
    }
}

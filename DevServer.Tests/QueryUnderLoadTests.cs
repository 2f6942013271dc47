using System.Diagnostics;
using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class QueryUnderLoadTests(DevServerFixture env)
{
    /// <summary>
    /// Answered "promptly": the failures this guards against take 10 s (a dropped workflow task returns after its
    /// start-to-close timeout) or 40 s (a dropped query task is never answered), while a healthy answer took up to
    /// 4.6 s with the whole suite on two busy cores (load average 17-23).
    /// </summary>
    private static readonly TimeSpan QueryAnswerLimit = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task QueryWorkflow_HammeredWhileSignalsAndActivitiesRun_EveryQueryAnswersQuickly()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<BusyWorkflow>().AddActivity(BusyActivities.Echo),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (BusyWorkflow wf) => wf.RunAsync(),
                    new WorkflowOptions(DevServerFixture.UniqueName("busy"), taskQueue));
                using var stop = new CancellationTokenSource();
                var slowest = TimeSpan.Zero;
                var answered = 0;

                async Task QueryLoopAsync(TimeSpan every)
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var clock = Stopwatch.StartNew();
                        var query = handle.QueryAsync(wf => wf.Processed, new WorkflowQueryOptions
                        {
                            Rpc = new RpcOptions { Timeout = TimeSpan.FromSeconds(40) },
                        });
                        await query;
                        clock.Stop();
                        Interlocked.Increment(ref answered);
                        lock (stop)
                        {
                            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                        }

                        clock.Elapsed.Should().BeLessThan(QueryAnswerLimit, "every query must be answered promptly");
                        await Task.Delay(every);
                    }
                }

                async Task HistoryWatcherAsync()
                {
                    var history = env.Client.GetWorkflowHandle(handle.Id).FetchHistoryEventsAsync(
                        new WorkflowHistoryEventFetchOptions { WaitNewEvent = true });
                    await foreach (var unused in history.WithCancellation(stop.Token))
                    {
                        var clock = Stopwatch.StartNew();
                        await handle.QueryAsync(wf => wf.Processed);
                        clock.Elapsed.Should().BeLessThan(QueryAnswerLimit, "a query after each new event must be answered promptly");
                    }
                }

                var loops = Enumerable.Range(0, 4).Select(i => QueryLoopAsync(TimeSpan.FromMilliseconds(10 + (5 * i)))).ToList();
                var watcher = HistoryWatcherAsync();
                for (var i = 0; i < 40; i++)
                {
                    await handle.SignalAsync(wf => wf.WorkAsync($"item-{i}"));
                    await Task.Delay(20);
                }

                await handle.SignalAsync(wf => wf.FinishAsync());
                (await handle.GetResultAsync()).Should().Be(40);
                await stop.CancelAsync();
                await Task.WhenAll(loops);
                try
                {
                    await watcher;
                }
                catch (OperationCanceledException)
                {
                    // The watcher ends by cancellation.
                }

                answered.Should().BePositive();
            });
    }

    [Fact]
    public async Task QueryWorkflow_NoWorkerAnswers_FailsWithClearErrorWithinDeadline()
    {
        var handle = await env.Client.StartWorkflowAsync(
            (BusyWorkflow wf) => wf.RunAsync(),
            new WorkflowOptions(DevServerFixture.UniqueName("unanswered"), DevServerFixture.UniqueName("no-worker")));
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<RpcException>(() => handle.QueryAsync(
            wf => wf.Processed,
            new WorkflowQueryOptions { Rpc = new RpcOptions { Timeout = TimeSpan.FromSeconds(4) } }));

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        if (env.IsDevServer)
        {
            failure.Message.Should().Contain("no worker answered");
        }

        await handle.TerminateAsync("test over");
    }
}

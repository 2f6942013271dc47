using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace FoodDelivery.DevServer.Tests.Persistence;

/// <summary>
/// The engine runs as a child process with an engine file and is killed (SIGKILL) at chosen points of a workflow,
/// then started again on the same file; the real worker in this process carries on. Every workflow must end with
/// the result it has without a crash, and its history must replay.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string NoApproval = "reserve done, charge done, approved by nobody";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly TempEngineFile _file = new();
    private EngineProcess _engine = null!;
    private TemporalClient _client = null!;

    public async Task InitializeAsync()
    {
        _engine = new EngineProcess(_file.Path);
        await _engine.StartAsync();
        _client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(_engine.TargetHost));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task Workflow_NoCrash_ReturnsTheReferenceResult()
    {
        await WithWorkerAsync(async taskQueue =>
        {
            var handle = await StartAsync(taskQueue, new CrashPlan { ChargeFailures = 1 });

            (await ResultAsync(handle)).Should().Be(NoApproval);
        });
    }

    [Fact]
    public async Task Workflow_KilledRightAfterStart_CompletesWithSameResult()
    {
        var taskQueue = DevServerFixture.UniqueName("crash");
        var handle = await StartAsync(taskQueue, new CrashPlan());

        await _engine.RestartAfterKillAsync();

        await WithWorkerAsync(taskQueue, async () => (await ResultAsync(handle)).Should().Be(NoApproval));
        await ReplaysAsync(handle);
    }

    [Fact]
    public async Task Workflow_KilledMidActivity_CompletesWithSameResult()
    {
        await WithWorkerAsync(async taskQueue =>
        {
            var handle = await StartAsync(taskQueue, new CrashPlan { BlockFirstCharge = true });
            var probe = CrashActivities.Probe(handle.Id);
            await probe.ChargeBlocked.Task.WaitAsync(Deadline);

            await _engine.RestartAfterKillAsync();
            probe.ReleaseCharge.TrySetResult();

            (await ResultAsync(handle)).Should().Be(NoApproval);
            probe.Executions("reserve").Should().Be(1, "reserve completed before the crash and must not run again");
            await ReplaysAsync(handle);
        });
    }

    [Fact]
    public async Task Workflow_KilledBetweenRetryAttempts_RetriesOnceMoreAndCompletes()
    {
        await WithWorkerAsync(async taskQueue =>
        {
            var handle = await StartAsync(taskQueue, new CrashPlan { ChargeFailures = 1, RetryIntervalSeconds = 2 });
            await WaitUntilAsync(async () => (await DescribeAsync(handle)).PendingActivities.Any(a => a.Attempt == 2), "charge waits for attempt 2");

            await _engine.RestartAfterKillAsync();

            (await ResultAsync(handle)).Should().Be(NoApproval);
            CrashActivities.Probe(handle.Id).Executions("charge").Should().Be(2, "one failed attempt, then the retry after the restart");
            var history = await handle.FetchHistoryAsync();
            history.Events.Last(e => e.EventType == EventType.ActivityTaskStarted).ActivityTaskStartedEventAttributes.Attempt.Should().Be(2);
            await ReplaysAsync(handle);
        });
    }

    [Fact]
    public async Task Workflow_TimerDueWhileEngineIsDown_FiresAfterRestart()
    {
        await WithWorkerAsync(async taskQueue =>
        {
            var handle = await StartAsync(taskQueue, new CrashPlan { TimerSeconds = 1 });
            await WaitUntilAsync(async () => (await handle.FetchHistoryAsync()).EventTypes().Contains(EventType.TimerStarted), "timer started");

            await _engine.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the engine stays down past the timer's due time
            await _engine.StartAsync();

            (await ResultAsync(handle)).Should().Be(NoApproval);
            (await handle.FetchHistoryAsync()).EventTypes().Should().ContainSingle(t => t == EventType.TimerFired);
            await ReplaysAsync(handle);
        });
    }

    [Fact]
    public async Task Activity_HeartbeatTimeoutPassedWhileEngineIsDown_TimesOutAndRetries()
    {
        await WithWorkerAsync(async taskQueue =>
        {
            var handle = await StartAsync(taskQueue, new CrashPlan { BlockFirstCharge = true, Heartbeat = true });
            var probe = CrashActivities.Probe(handle.Id);
            await probe.ChargeBlocked.Task.WaitAsync(Deadline);

            await _engine.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2.5)); // longer than the 2 s heartbeat timeout
            await _engine.StartAsync();

            (await ResultAsync(handle)).Should().Be(NoApproval);
            probe.Executions("charge").Should().Be(2, "attempt 1 timed out while the engine was down, attempt 2 completed");
            await ReplaysAsync(handle);
        });
    }

    [Fact]
    public async Task Signal_BufferedDuringWorkflowTaskWhenKilled_IsDeliveredAfterRestart()
    {
        var taskQueue = DevServerFixture.UniqueName("crash");
        var handle = await StartAsync(taskQueue, new CrashPlan { WaitForApproval = true });

        // This test holds the first workflow task itself (a raw poll), so the signal lands in the engine's buffer.
        var task = await _client.WorkflowService.PollWorkflowTaskQueueAsync(new PollWorkflowTaskQueueRequest
        {
            Namespace = _client.Options.Namespace,
            TaskQueue = new() { Name = taskQueue },
            Identity = "crash-test",
        });
        task.TaskToken.IsEmpty.Should().BeFalse();
        await handle.SignalAsync(wf => wf.ApproveAsync("alice"));

        await _engine.RestartAfterKillAsync();

        await WithWorkerAsync(taskQueue, async () =>
            (await ResultAsync(handle)).Should().Be("reserve done, charge done, approved by alice"));
        var history = await handle.FetchHistoryAsync();
        history.EventTypes().Should().ContainSingle(t => t == EventType.WorkflowExecutionSignaled);
        history.EventTypes().Should().Contain(EventType.WorkflowTaskTimedOut, "the workflow task held when the engine died is dispatched again");
        await ReplaysAsync(handle);
    }

    [Fact]
    public async Task Signal_RetriedWithSameRequestIdAfterRestart_IsAppliedOnce()
    {
        var taskQueue = DevServerFixture.UniqueName("crash");
        var handle = await StartAsync(taskQueue, new CrashPlan { WaitForApproval = true });
        var signal = new SignalWorkflowExecutionRequest
        {
            Namespace = _client.Options.Namespace,
            WorkflowExecution = new() { WorkflowId = handle.Id },
            SignalName = "Approve",
            RequestId = Guid.NewGuid().ToString(),
            Input = new Temporalio.Api.Common.V1.Payloads { Payloads_ = { Temporalio.Converters.DataConverter.Default.PayloadConverter.ToPayload("alice") } },
        };
        await _client.WorkflowService.SignalWorkflowExecutionAsync(signal);

        await _engine.RestartAfterKillAsync();
        await RetryWhileUnavailableAsync(() => _client.WorkflowService.SignalWorkflowExecutionAsync(signal));

        await WithWorkerAsync(taskQueue, async () =>
            (await ResultAsync(handle)).Should().Be("reserve done, charge done, approved by alice"));
        (await handle.FetchHistoryAsync()).EventTypes().Should().ContainSingle(t => t == EventType.WorkflowExecutionSignaled);
    }

    [Fact]
    public async Task Workflows_KilledRepeatedlyAtRandomPoints_AllCompleteWithSameResults()
    {
        await WithWorkerAsync(async taskQueue =>
        {
            var plans = new[]
            {
                new CrashPlan(),
                new CrashPlan { ChargeFailures = 2, RetryIntervalSeconds = 0.5 },
                new CrashPlan { TimerSeconds = 1 },
                new CrashPlan { TimerSeconds = 0.5, ChargeFailures = 1 },
                new CrashPlan { WaitForApproval = true },
                new CrashPlan { WaitForApproval = true, TimerSeconds = 0.7 },
            };
            var handles = new List<(WorkflowHandle<CrashWorkflow, string> Handle, CrashPlan Plan)>();
            foreach (var plan in plans.Concat(plans))
            {
                handles.Add((await StartAsync(taskQueue, plan), plan));
            }

            var random = new Random(42);
            for (var crash = 0; crash < 5; crash++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(150, 700))); // a random point in the workflows' progress
                await _engine.RestartAfterKillAsync();
                if (crash == 2)
                {
                    foreach (var (handle, _) in handles.Where(h => h.Plan.WaitForApproval))
                    {
                        await RetryWhileUnavailableAsync(() => handle.SignalAsync(wf => wf.ApproveAsync("bob")));
                    }
                }
            }

            foreach (var (handle, plan) in handles)
            {
                var expected = plan.WaitForApproval ? "reserve done, charge done, approved by bob" : NoApproval;
                (await ResultAsync(handle)).Should().Be(expected, $"workflow {handle.Id} ({plan})");
                await ReplaysAsync(handle);
            }
        });
    }

    private Task<WorkflowHandle<CrashWorkflow, string>> StartAsync(string taskQueue, CrashPlan plan) =>
        _client.StartWorkflowAsync((CrashWorkflow wf) => wf.RunAsync(plan), new WorkflowOptions(DevServerFixture.UniqueName("crash"), taskQueue));

    private Task WithWorkerAsync(Func<string, Task> test)
    {
        var taskQueue = DevServerFixture.UniqueName("crash");
        return WithWorkerAsync(taskQueue, () => test(taskQueue));
    }

    private async Task WithWorkerAsync(string taskQueue, Func<Task> test)
    {
        using var worker = new TemporalWorker(
            _client,
            new TemporalWorkerOptions(taskQueue).AddWorkflow<CrashWorkflow>().AddActivity(CrashActivities.StepAsync));
        await worker.ExecuteAsync(test);
    }

    /// <summary>The workflow's result; calls that fail because the engine is restarting are retried.</summary>
    private static async Task<string> ResultAsync(WorkflowHandle<CrashWorkflow, string> handle)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await RetryWhileUnavailableAsync(() => handle.GetResultAsync(rpcOptions: new() { CancellationToken = timeout.Token }));
    }

    private static async Task<T> RetryWhileUnavailableAsync<T>(Func<Task<T>> call)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.Code == RpcException.StatusCode.Unavailable && DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static Task RetryWhileUnavailableAsync(Func<Task> call) =>
        RetryWhileUnavailableAsync(async () =>
        {
            await call();
            return true;
        });

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"waited {Deadline.TotalSeconds} s for: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private Task<DescribeWorkflowExecutionResponse> DescribeAsync(WorkflowHandle handle) =>
        _client.WorkflowService.DescribeWorkflowExecutionAsync(new DescribeWorkflowExecutionRequest
        {
            Namespace = _client.Options.Namespace,
            Execution = new() { WorkflowId = handle.Id },
        });

    private static async Task ReplaysAsync(WorkflowHandle handle) =>
        await HistoryAssertions.ReplayAsync<CrashWorkflow>(await handle.FetchHistoryAsync());
}

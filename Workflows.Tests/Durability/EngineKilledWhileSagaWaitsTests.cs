using FoodDelivery.Orchestrator.Saga;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>
/// The engine process is killed (SIGKILL) while a saga waits: on its restaurant timer, or with a signal or an update
/// buffered behind a workflow task that a worker holds. Started again on the same file, it must carry every saga to
/// the end it has without the crash (same result, effects, steps), and the audit must find nothing wrong.
/// </summary>
public sealed class EngineKilledWhileSagaWaitsTests : IAsyncLifetime
{
    private CrashableSagaSystem? _system;

    private CrashableSagaSystem System => _system ?? throw new InvalidOperationException("start the system first");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    [Fact]
    public async Task Saga_EngineKilledWithAcceptanceTimerPending_AcceptedAfterRestartAndEndsLikeWithoutCrash()
    {
        _system = await CrashableSagaSystem.StartAsync(CrashScenarios.Timeouts);
        var (reference, _) = await System.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Delivered);
        reference.Steps.Should().Contain("timer cancelled");

        async Task<SagaRun> RunAsync(bool crash)
        {
            var orderId = await System.PlaceAsync(CrashScenarios.NewOrder());
            await System.WaitForEventAsync(orderId, "the acceptance timer started", e => e.EventType == EventType.TimerStarted);
            if (crash)
            {
                await System.KillAndRestartEngineAsync();
            }

            return await SagaRun.ReadAsync(System, await System.DeliverAsync(orderId));
        }
    }

    [Fact]
    public async Task Saga_AcceptanceDeadlinePassesWhileEngineIsDown_RejectedLikeWithoutCrash()
    {
        var acceptance = TimeSpan.FromSeconds(3);
        _system = await CrashableSagaSystem.StartAsync(CrashScenarios.Timeouts with { RestaurantAcceptance = acceptance });
        var (reference, _) = await System.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Rejected);
        reference.Result.Reason.Should().StartWith("ACCEPTANCE_DEADLINE_PASSED");

        async Task<SagaRun> RunAsync(bool crash)
        {
            var orderId = await System.PlaceAsync(CrashScenarios.NewOrder());
            var timer = await System.WaitForEventAsync(orderId, "the acceptance timer started", e => e.EventType == EventType.TimerStarted);
            if (crash)
            {
                // Down until the deadline has passed (the engine runs on real time): the timer is due at the restart.
                await System.KillEngineAsync();
                var due = timer.EventTime.ToDateTime() + acceptance + TimeSpan.FromMilliseconds(500);
                await Outage.WaitUntilAsync(() => Task.FromResult(DateTime.UtcNow > due), () => $"the clock past {due:O}");
                await System.StartEngineAsync();
            }

            // Nobody accepts: the saga undoes its steps when the timer fires.
            return await SagaRun.ReadAsync(System, await System.ResultAsync(orderId));
        }
    }

    [Fact]
    public async Task Saga_EngineKilledWithSignalBufferedDuringWorkflowTask_EndsLikeWithoutCrash()
    {
        _system = await CrashableSagaSystem.StartAsync(CrashScenarios.Timeouts);
        var (_, crashed) = await System.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Delivered);
        var events = (await System.HistoryAsync(crashed.OrderId)).Select(e => e.EventType).ToList();
        events.Should().Contain(EventType.WorkflowTaskTimedOut, "the workflow task held when the engine died is dispatched again");

        async Task<SagaRun> RunAsync(bool crash)
        {
            // The restaurant accepts at once, while the saga's first workflow task is with a worker: the signal is buffered.
            await System.Stack.StopWorkerAsync();
            var orderId = await System.PlaceAsync(CrashScenarios.NewOrder());
            if (crash)
            {
                await HoldNextWorkflowTaskAsync(orderId);
            }

            await System.Saga(orderId).SignalAsync(wf => wf.RestaurantAcceptedAsync());
            if (crash)
            {
                await System.KillAndRestartEngineAsync();
            }

            await System.Stack.StartWorkerAsync();
            return await SagaRun.ReadAsync(System, await System.DeliverAsync(orderId, accept: false));
        }
    }

    [Fact]
    public async Task Saga_EngineKilledWithCustomerCancelInHeldWorkflowTask_CancelledLikeWithoutCrash()
    {
        _system = await CrashableSagaSystem.StartAsync(CrashScenarios.Timeouts);
        await System.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Cancelled);

        async Task<SagaRun> RunAsync(bool crash)
        {
            // The customer cancels (the CancelOrder update) while the saga waits for the restaurant and no worker runs:
            // the engine admits the update and schedules a workflow task to carry it.
            var orderId = await System.PlaceAsync(CrashScenarios.NewOrder());
            await System.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
            await System.Stack.StopWorkerAsync();
            var updateId = $"cancel-{orderId}";
            var cancel = Outage.RetryAsync(() => System.Saga(orderId).ExecuteUpdateAsync(
                wf => wf.CancelOrderAsync(new CancelOrderRequest("changed my mind")),
                new WorkflowUpdateOptions(updateId)));
            await Outage.WaitUntilAsync(() => IsAdmittedAsync(orderId, updateId), () => $"update {updateId} admitted by the engine");
            if (crash)
            {
                // A worker has taken that task, update inside, when the engine dies.
                await HoldNextWorkflowTaskAsync(orderId);
                await System.KillAndRestartEngineAsync();
            }

            await System.Stack.StartWorkerAsync();
            var answer = await WithDiagnosisAsync(cancel, orderId);
            answer.State.Should().Be(SagaState.Cancelled, "the customer hears the cancellation once it is done");
            return await SagaRun.ReadAsync(System, await System.ResultAsync(orderId));
        }
    }

    /// <summary>The update's answer; if it never comes, a failure that shows where the saga stands.</summary>
    private async Task<T> WithDiagnosisAsync<T>(Task<T> call, string orderId)
    {
        try
        {
            return await call.WaitAsync(Outage.Deadline);
        }
        catch (TimeoutException)
        {
            var status = await System.Saga(orderId).QueryAsync(wf => wf.GetStatus());
            var events = (await System.HistoryAsync(orderId)).Select(e => e.EventType);
            throw new TimeoutException($"no answer within {Outage.Deadline.TotalSeconds} s; saga status {status}; history: {string.Join(", ", events)}");
        }
    }

    /// <summary>Takes the saga's next workflow task from the queue as a worker would, and keeps it: it stays in flight.</summary>
    private async Task HoldNextWorkflowTaskAsync(string orderId)
    {
        var client = System.Stack.Client;
        var task = await client.WorkflowService.PollWorkflowTaskQueueAsync(new PollWorkflowTaskQueueRequest
        {
            Namespace = client.Options.Namespace,
            TaskQueue = new() { Name = System.Stack.TaskQueue },
            Identity = "crash-test-holding-a-task",
        });
        task.WorkflowExecution.WorkflowId.Should().Be(System.Saga(orderId).Id, "no other saga has work in this queue");
    }

    /// <summary>Whether the engine knows the update (admitted, waiting for a workflow task to carry it).</summary>
    private async Task<bool> IsAdmittedAsync(string orderId, string updateId)
    {
        var client = System.Stack.Client;
        var answer = await client.WorkflowService.PollWorkflowExecutionUpdateAsync(new PollWorkflowExecutionUpdateRequest
        {
            Namespace = client.Options.Namespace,
            UpdateRef = new UpdateRef { WorkflowExecution = new() { WorkflowId = System.Saga(orderId).Id }, UpdateId = updateId },
            WaitPolicy = new WaitPolicy { LifecycleStage = UpdateWorkflowExecutionLifecycleStage.Admitted },
            Identity = "crash-test",
        });
        return answer.Stage >= UpdateWorkflowExecutionLifecycleStage.Admitted;
    }
}

using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Api.Enums.V1;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>
/// The engine process is killed (SIGKILL) while a saga is moving through its service calls and started again on the
/// same file; the services and the worker keep running. Each test runs the same order twice on one system, once
/// without and once with the crash: the crashed saga must end with the same result, the same effects in the four
/// services and the same steps, each once, and the audit must find nothing wrong.
/// </summary>
public sealed class EngineKilledDuringStepsTests : IAsyncLifetime
{
    private CrashableSagaSystem _system = null!;

    public async Task InitializeAsync() => _system = await CrashableSagaSystem.StartAsync(CrashScenarios.Timeouts);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Saga_EngineKilledRightAfterStartAcknowledged_EndsLikeWithoutCrash()
    {
        await _system.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Delivered);

        async Task<SagaRun> RunAsync(bool crash)
        {
            var orderId = await _system.PlaceAsync(CrashScenarios.NewOrder());
            if (crash)
            {
                // PlaceOrder has answered, so the start is acknowledged: it must survive whatever the engine did next.
                await _system.KillAndRestartEngineAsync();
            }

            return await SagaRun.ReadAsync(_system, await _system.DeliverAsync(orderId));
        }
    }

    [Fact]
    public async Task Saga_EngineKilledWhileServiceCallHeldBeforeItsEffect_EndsLikeWithoutCrash()
    {
        await _system.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Delivered);

        async Task<SagaRun> RunAsync(bool crash)
        {
            // Every payment call waits before it acts: the authorization is running in the worker, held in the service.
            _system.Faults("payment").SetLatency(CrashScenarios.HeldCall);
            var orderId = await _system.PlaceAsync(CrashScenarios.NewOrder());
            await _system.WaitForPendingActivityAsync(orderId, "the authorization running", a =>
                a.ActivityType.Name == CrashScenarios.AuthorizePaymentActivity && a.State == PendingActivityState.Started);
            if (crash)
            {
                await _system.KillAndRestartEngineAsync();
            }

            await _system.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
            _system.Faults("payment").SetLatency(TimeSpan.Zero);
            return await SagaRun.ReadAsync(_system, await _system.DeliverAsync(orderId));
        }
    }

    [Fact]
    public async Task Saga_EngineKilledAfterServiceCallActedBeforeItAnswered_EndsLikeWithoutCrash()
    {
        var (_, crashed) = await _system.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Delivered);
        crashed.Effects.Payment.Should().Contain("Authorization 2550, Capture 2550", "the authorization ran once although the engine died before it heard of it");

        async Task<SagaRun> RunAsync(bool crash)
        {
            // The payment service commits the authorization, then holds its answer: the step is done, the engine does not know.
            var request = CrashScenarios.NewOrder();
            var orderId = CrashScenarios.OrderIdOf(request);
            _system.Faults("payment").DelayResponseOnce(CrashScenarios.KeyOf(orderId, SagaSteps.AuthorizePayment), CrashScenarios.HeldCall);
            await _system.PlaceAsync(request);
            await Outage.WaitUntilAsync(
                () => SagaEffects.IsAuthorizedAsync(orderId, _system.Stack.DataDirectory),
                () => $"the authorization of order {orderId} committed in the payment service");
            if (crash)
            {
                await _system.KillAndRestartEngineAsync();
            }

            return await SagaRun.ReadAsync(_system, await _system.DeliverAsync(orderId));
        }
    }

    [Fact]
    public async Task Saga_EngineKilledBetweenRetryAttempts_EndsLikeWithoutCrash()
    {
        var (_, crashed) = await _system.ShouldEndLikeWithoutCrashAsync(RunAsync, SagaState.Delivered);
        var history = await _system.HistoryAsync(crashed.OrderId);
        var reserveScheduled = history.Single(e => e.ActivityTaskScheduledEventAttributes?.ActivityType.Name == CrashScenarios.ReserveItemsActivity);
        history.Single(e => e.ActivityTaskStartedEventAttributes?.ScheduledEventId == reserveScheduled.EventId)
            .ActivityTaskStartedEventAttributes.Attempt.Should().Be(3, "the reservation succeeded on its third attempt, after the restart");

        async Task<SagaRun> RunAsync(bool crash)
        {
            // The first two reservation attempts fail with UNAVAILABLE; the engine then waits 2 s before attempt 3.
            var request = CrashScenarios.NewOrder();
            var orderId = CrashScenarios.OrderIdOf(request);
            _system.Faults("restaurant").FailFirstAttempts(CrashScenarios.KeyOf(orderId, SagaSteps.ReserveItems), 2);
            await _system.PlaceAsync(request);
            await _system.WaitForPendingActivityAsync(orderId, "the reservation waiting for attempt 3", a =>
                a.ActivityType.Name == CrashScenarios.ReserveItemsActivity && a.Attempt == 3 && a.State == PendingActivityState.Scheduled);
            if (crash)
            {
                await _system.KillAndRestartEngineAsync();
            }

            return await SagaRun.ReadAsync(_system, await _system.DeliverAsync(orderId));
        }
    }
}

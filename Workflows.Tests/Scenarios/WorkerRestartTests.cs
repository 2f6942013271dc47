using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>
/// The saga lives in the engine, not in the worker: a worker that stops mid-saga (a crash, a deploy) and comes back
/// picks every order up where it was, and each step still has exactly one effect.
/// </summary>
public sealed class WorkerRestartTests : IAsyncLifetime
{
    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync(new SagaEnvironmentOptions { Timeouts = ScenarioProbes.NudgeableTimeouts });
        _driver = new SagaDriver(_environment);
    }

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task Worker_StoppedWhileAwaitingRestaurantAndRestarted_OrderDeliveredWithOneEffectPerStep()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.AwaitingRestaurant);

        await _environment.StopWorkerAsync();

        // The restaurant accepts while no worker runs: the signal waits in the engine. (The Fulfillment API checks the
        // saga's state with a query first, which needs a worker, so the acceptance goes to the engine directly here.)
        await _environment.Saga(orderId).SignalAsync(wf => wf.RestaurantAcceptedAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        (await ScenarioProbes.ScheduledKeysAsync(_environment, orderId)).Should().NotContain(
            WireNames.IdempotencyKey(orderId, SagaSteps.ConfirmTicket), "no worker ran the saga meanwhile");

        await _environment.StartWorkerAsync();
        var result = await ContinueToDeliveredAsync(orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        await ShouldHaveOneEffectPerStepAsync(orderId);
        await HistoryRecorder.RecordAsync(_environment, orderId, "worker-restart");
    }

    [Fact]
    public async Task Worker_StoppedWhileCaptureRetriesAndRestarted_OrderDeliveredWithOneCapture()
    {
        var request = SagaDriver.NewOrder();
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        var captureKey = WireNames.IdempotencyKey(orderId, SagaSteps.CapturePayment);
        _environment.Faults("payment").FailFirstAttempts(captureKey, 3);

        await _driver.PlaceAsync(request);
        await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.AwaitingRestaurant);
        await _driver.AcceptAsync(orderId);

        // Stop while the capture is failing and being retried (no nudging: the first retry waits a real second).
        await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.CapturingPayment, nudge: false);
        await _environment.StopWorkerAsync();
        if (_environment.DevServer is { } devServer)
        {
            // Retries fall due while nobody polls the queue: they wait for a worker, they are not lost.
            await devServer.AdvanceTimeAsync(TimeSpan.FromSeconds(30));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await _environment.StartWorkerAsync();
        var confirmed = await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.Confirmed);
        confirmed.StepsDone.Should().Contain(SagaSteps.CapturePayment);
        var result = await ContinueToDeliveredAsync(orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        (await ScenarioProbes.LastAttemptsAsync(_environment, orderId)).Should().Contain(
            a => a.Key == captureKey && a.Attempt > 1, "the capture failed before it succeeded");
        await ShouldHaveOneEffectPerStepAsync(orderId);
    }

    /// <summary>From wherever the saga is (accepted or later) to DELIVERED through the client-facing API.</summary>
    private async Task<OrderSagaResult> ContinueToDeliveredAsync(string orderId)
    {
        var confirmed = await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.Confirmed);
        var courier = confirmed.CourierId!;
        await _environment.Fulfillment.ConfirmPickupAsync(new Contracts.Order.V1.CourierReportRequest { OrderId = orderId, CourierId = courier });
        await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.PickedUp);
        await _environment.Fulfillment.ConfirmDeliveredAsync(new Contracts.Order.V1.CourierReportRequest { OrderId = orderId, CourierId = courier });
        await ScenarioProbes.WaitForStateAsync(_environment, orderId, SagaState.Delivered);
        return await ScenarioProbes.WaitForFinishAsync(_environment, orderId);
    }

    private async Task ShouldHaveOneEffectPerStepAsync(string orderId)
    {
        var status = await ScenarioProbes.StatusAsync(_environment, orderId);
        status.StepsDone.Should().OnlyHaveUniqueItems();
        status.CompensationsRun.Should().BeEmpty();
        var keys = await ScenarioProbes.ScheduledKeysAsync(_environment, orderId);
        keys.Should().OnlyHaveUniqueItems("each step is scheduled once; retries are attempts of the same activity");
        await ScenarioProbes.ShouldBeDeliveredOnceAsync(_environment, orderId, totalMinor: (2 * 950) + 650);
        (await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, "item-margherita")).Consumed.Should().Be(2);
        (await ScenarioProbes.CouriersAsync(_environment)).Sum(c => c.ActiveAssignments).Should().Be(0);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
    }
}

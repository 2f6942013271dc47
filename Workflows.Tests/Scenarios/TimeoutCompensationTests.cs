using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>
/// A step can commit its effect and still time out (the answer comes too late). Its compensation is registered before
/// it runs, so the saga undoes the effect that did happen: nothing stays held or authorized for the rejected order.
/// </summary>
public sealed class TimeoutCompensationTests : IAsyncLifetime
{
    /// <summary>One attempt per step: start-to-close = schedule-to-close, so a late answer is a timeout, not a retry.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(4);

    /// <summary>How long the service sits on its answer after committing: well past <see cref="StepTimeout"/>.</summary>
    private static readonly TimeSpan LateBy = TimeSpan.FromSeconds(8);

    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync(new SagaEnvironmentOptions
        {
            Timeouts = new SagaEnvironmentOptions().Timeouts with { StepStartToClose = StepTimeout, StepScheduleToClose = StepTimeout },
        });
        _driver = new SagaDriver(_environment);
    }

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task AuthorizePayment_CommitsButAnswersAfterTimeout_AuthorizationVoidedAndOrderRejected()
    {
        var request = SagaDriver.NewOrder();
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        _environment.Faults("payment").DelayResponseOnce(WireNames.IdempotencyKey(orderId, SagaSteps.AuthorizePayment), LateBy);

        await _driver.PlaceAsync(request);
        var result = await ScenarioProbes.WaitForFinishAsync(_environment, orderId);

        result.FinalState.Should().Be(SagaState.Rejected);
        result.Reason.Should().StartWith("TIMEOUT");
        result.CompensationsRun.Should().Equal(SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);

        // The authorization the saga never heard about did happen, and was voided: net money zero.
        var payment = await ScenarioProbes.PaymentAsync(_environment, orderId);
        payment.Ledger.OrderBy(e => e.Sequence).Select(e => e.Kind).Should().Equal(LedgerEntryKind.Authorization, LedgerEntryKind.Void);
        payment.Status.Should().Be(PaymentStatus.Voided);
        payment.Net.AmountMinor.Should().Be(0);

        (await ScenarioProbes.ReservationAsync(_environment, orderId)).Status.Should().Be(ReservationStatus.Released);
        await ShouldHaveStockBackAsync();
        var order = await _driver.OrderRecordAsync(orderId);
        order.Status.Should().Be(OrderStatus.Rejected);
        order.History.Select(h => h.To).Should().Equal(OrderStatus.Pending, OrderStatus.Rejected);
        order.History.Last().Reason.Should().Contain("TIMEOUT");
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "authorize-times-out");
    }

    [Fact]
    public async Task ReserveItems_CommitsButAnswersAfterTimeout_HoldReleasedAndOrderRejected()
    {
        var request = SagaDriver.NewOrder();
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        _environment.Faults("restaurant").DelayResponseOnce(WireNames.IdempotencyKey(orderId, SagaSteps.ReserveItems), LateBy);

        await _driver.PlaceAsync(request);
        var result = await ScenarioProbes.WaitForFinishAsync(_environment, orderId);

        result.FinalState.Should().Be(SagaState.Rejected);
        result.Reason.Should().StartWith("TIMEOUT");
        result.CompensationsRun.Should().Equal(SagaSteps.ReleaseItems, SagaSteps.CloseOrder);

        // The hold the saga never heard about was taken, and given back; payment was never asked.
        (await ScenarioProbes.ReservationAsync(_environment, orderId)).Status.Should().Be(ReservationStatus.Released);
        await ShouldHaveStockBackAsync();
        (await ScenarioProbes.ScheduledKeysAsync(_environment, orderId)).Should().NotContain(
            WireNames.IdempotencyKey(orderId, SagaSteps.AuthorizePayment));
        var order = await _driver.OrderRecordAsync(orderId);
        order.Status.Should().Be(OrderStatus.Rejected);
        order.History.Last().Reason.Should().Contain("TIMEOUT");
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "reserve-times-out");
    }

    private async Task ShouldHaveStockBackAsync()
    {
        foreach (var itemId in new[] { "item-margherita", "item-tiramisu" })
        {
            var item = await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, itemId);
            item.Held.Should().Be(0, itemId);
            item.Consumed.Should().Be(0, itemId);
            item.Available.Should().Be(item.InitialStock, itemId);
        }
    }
}

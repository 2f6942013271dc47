using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>
/// Deadlines that pass: the restaurant never answers, no courier becomes free, the courier never picks up. Awaiting the
/// saga's result lets the DevServer's virtual clock jump to each deadline, so none of these waits in real time.
/// </summary>
public sealed class DeadlineScenarioTests : IAsyncLifetime
{
    private SagaEnvironment? _environment;
    private SagaDriver _driver = null!;
    private ScenarioProbe _probe = null!;

    private SagaEnvironment Environment => _environment ?? throw new InvalidOperationException("call StartAsync first");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_environment is not null)
        {
            _probe.Dispose();
            await _environment.DisposeAsync();
        }
    }

    [Fact]
    public async Task PlaceOrder_RestaurantNeverAnswers_RejectedAcceptanceDeadlinePassedAndEverythingUndone()
    {
        await StartAsync();
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        var awaiting = await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        var result = await _driver.ResultAsync(orderId);

        result.ShouldHaveEnded(SagaState.Rejected, "ACCEPTANCE_DEADLINE_PASSED");
        result.CompensationsRun.Should().Equal(SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        var status = await Environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().Equal(SagaSteps.RecordOrder, SagaSteps.ReserveItems, SagaSteps.AuthorizePayment);
        awaiting.AcceptanceDeadline.Should().NotBeNull();
        var order = await _driver.OrderRecordAsync(orderId);
        order.ShouldHaveHistory("ACCEPTANCE_DEADLINE_PASSED", OrderStatus.Pending, OrderStatus.Rejected);

        (await _probe.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Voided);
        payment!.Ledger.Select(e => e.Kind).Should().Equal(LedgerEntryKind.Authorization, LedgerEntryKind.Void);
        (await _probe.AssignmentAsync(orderId)).Should().BeNull();
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(Environment, orderId, "acceptance-deadline");
    }

    [Fact]
    public async Task AcceptTicket_NoCourierOnShift_RejectedNoCourierAvailableWithConsumedStockReturnedAndAuthorizationVoided()
    {
        await StartAsync(new SagaEnvironmentOptions { CourierCount = 0 });
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.AcceptAsync(orderId);
        var assigning = await _driver.WaitForStateAsync(orderId, SagaState.AssigningCourier);

        var result = await _driver.ResultAsync(orderId);

        await ShouldBeRejectedForNoCourierAsync(orderId, result, assigning);
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(Environment, orderId, "no-courier");
    }

    [Fact]
    public async Task AcceptTicket_OnlyCourierBusyWithAnotherOrder_RejectedNoCourierAvailableWhileTheOtherIsDelivered()
    {
        await StartAsync(new SagaEnvironmentOptions { CourierCount = 1, CourierCapacity = 1 });
        var busy = await _driver.PlaceAsync(SagaDriver.NewOrder(customerId: "cust-bob"));
        await _driver.AcceptAsync(busy);
        var busyConfirmed = await _driver.WaitForStateAsync(busy, SagaState.Confirmed);
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder(items: ("item-diavola", 1)));
        await _driver.AcceptAsync(orderId);
        var assigning = await _driver.WaitForStateAsync(orderId, SagaState.AssigningCourier);

        // The courier deadline (10 min) passes long before the busy order's pickup deadline (45 min). Jump exactly past
        // it: awaiting this saga's result can let the clock run on to the busy order's pickup deadline too (see report).
        if (Environment.DevServer is { } devServer)
        {
            await devServer.AdvanceTimeAsync(SagaTimeouts.Default.CourierAssignment + TimeSpan.FromMinutes(1));
        }

        await _driver.WaitForStateAsync(orderId, SagaState.Rejected, TimeSpan.FromMinutes(11));
        var result = await _driver.ResultAsync(orderId);

        await ShouldBeRejectedForNoCourierAsync(orderId, result, assigning);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-diavola");

        // The courier was never taken from the other order, which still goes out normally.
        await Environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = busy, CourierId = busyConfirmed.CourierId });
        await _driver.WaitForStateAsync(busy, SagaState.PickedUp);
        await Environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = busy, CourierId = busyConfirmed.CourierId });
        (await _driver.ResultAsync(busy)).FinalState.Should().Be(SagaState.Delivered);
        (await _probe.CouriersAsync()).Should().ContainSingle().Which.ActiveAssignments.Should().Be(0);
        await _probe.ShouldAuditCleanAsync(orders: 2);
    }

    [Fact]
    public async Task ConfirmPickup_NeverReported_RejectedPickupDeadlinePassedWithRefundAndCourierFreed()
    {
        await StartAsync();
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.AcceptAsync(orderId);
        var confirmed = await _driver.WaitForStateAsync(orderId, SagaState.Confirmed);
        var courierId = confirmed.CourierId;
        courierId.Should().NotBeNullOrEmpty();
        (await _probe.PaymentAsync(orderId))!.Status.Should().Be(PaymentStatus.Captured, "the payment is captured before CONFIRMED");

        var result = await _driver.ResultAsync(orderId);

        result.ShouldHaveEnded(SagaState.Rejected, "PICKUP_DEADLINE_PASSED");
        result.CompensationsRun.Should().Equal(
            SagaSteps.CancelCourier, SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        var status = await Environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().NotContain(SagaSteps.ConfirmPickup);
        status.StepsDone.Should().EndWith(SagaSteps.ConfirmOrder);
        var order = await _driver.OrderRecordAsync(orderId);
        order.ShouldHaveHistory("PICKUP_DEADLINE_PASSED", OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Rejected);
        confirmed.PickupDeadline.Should().NotBeNull();

        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Refunded);
        payment!.Captured.AmountMinor.Should().Be(order.Total.AmountMinor);
        payment.Refunded.AmountMinor.Should().Be(order.Total.AmountMinor);
        payment.Ledger.Select(e => e.Kind).Should().Equal(
            LedgerEntryKind.Authorization, LedgerEntryKind.Capture, LedgerEntryKind.Refund);
        var assignment = await _probe.AssignmentAsync(orderId);
        assignment!.CourierId.Should().Be(courierId);
        await _probe.ShouldHaveNoCourierHeldAsync(orderId);
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(Environment, orderId, "pickup-deadline");
    }

    private async Task StartAsync(SagaEnvironmentOptions? options = null)
    {
        _environment = await SagaEnvironment.StartAsync(options);
        _driver = new SagaDriver(_environment);
        _probe = new ScenarioProbe(_environment);
    }

    /// <summary>The restaurant accepted (stock consumed), no courier came: the stock goes back and the authorization is voided.</summary>
    private async Task ShouldBeRejectedForNoCourierAsync(string orderId, OrderSagaResult result, OrderSagaStatus assigning)
    {
        result.ShouldHaveEnded(SagaState.Rejected, ErrorReasons.NoCourierAvailable);
        result.CompensationsRun.Should().Equal(
            $"{SagaSteps.CancelCourier} (nothing to undo)", SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        var status = await Environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().Equal(
            SagaSteps.RecordOrder, SagaSteps.ReserveItems, SagaSteps.AuthorizePayment,
            SagaSteps.RestaurantAcceptance, SagaSteps.ConfirmTicket);
        var order = await _driver.OrderRecordAsync(orderId);
        order.ShouldHaveHistory(ErrorReasons.NoCourierAvailable, OrderStatus.Pending, OrderStatus.Rejected);
        assigning.CourierDeadline.Should().NotBeNull("the saga looks for a courier until a deadline");

        var reservation = await _probe.ReservationAsync(orderId);
        reservation!.Status.Should().Be(ReservationStatus.Released, "the confirmed (consumed) stock is given back");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Voided);
        payment!.Ledger.Select(e => e.Kind).Should().Equal(LedgerEntryKind.Authorization, LedgerEntryKind.Void);
        var assignment = await _probe.AssignmentAsync(orderId);
        if (assignment is not null)
        {
            assignment.Tombstone.Should().BeTrue("the cancel ran before any assignment and leaves a tombstone");
            assignment.CourierId.Should().BeEmpty();
        }
    }
}

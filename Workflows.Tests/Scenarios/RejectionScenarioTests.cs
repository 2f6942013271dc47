using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using RejectTicketRequest = FoodDelivery.Contracts.Order.V1.RejectTicketRequest;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>Business refusals: out of stock, card declined, the restaurant says no. Each ends REJECTED with nothing left behind.</summary>
public sealed class RejectionScenarioTests : IAsyncLifetime
{
    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;
    private ScenarioProbe _probe = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync();
        _driver = new SagaDriver(_environment);
        _probe = new ScenarioProbe(_environment);
    }

    public async Task DisposeAsync()
    {
        _probe.Dispose();
        await _environment.DisposeAsync();
    }

    [Fact]
    public async Task PlaceOrder_MoreThanInStock_RejectedOutOfStockWithNothingHeldOrCharged()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder(SagaDriver.Sushi, items: ("item-omakase", 2)));

        var result = await _driver.ResultAsync(orderId);

        result.ShouldHaveEnded(SagaState.Rejected, ErrorReasons.OutOfStock);
        result.CompensationsRun.Should().Equal($"{SagaSteps.ReleaseItems} (nothing to undo)", SagaSteps.CloseOrder);
        var status = await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().Equal(SagaSteps.RecordOrder);
        status.OutcomeReason.Should().StartWith(ErrorReasons.OutOfStock);
        (await _driver.OrderRecordAsync(orderId)).ShouldHaveHistory(
            ErrorReasons.OutOfStock, OrderStatus.Pending, OrderStatus.Rejected);

        // The release ran against nothing: it left a tombstone so a late reserve cannot take the last unit.
        var reservation = await _probe.ReservationAsync(orderId);
        reservation.Should().NotBeNull("the no-op release leaves a tombstone");
        reservation!.Tombstone.Should().BeTrue();
        reservation.Status.Should().Be(ReservationStatus.Released);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Sushi, "item-omakase");
        (await _probe.PaymentAsync(orderId)).Should().BeNull("no payment is authorized for an order without stock");
        (await _probe.AssignmentAsync(orderId)).Should().BeNull("no courier is asked for an order without stock");
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "out-of-stock");
    }

    [Fact]
    public async Task PlaceOrder_SecondOrderForTheLastUnit_SecondRejectedOutOfStockWhileFirstIsDelivered()
    {
        var first = await _driver.PlaceAsync(SagaDriver.NewOrder(SagaDriver.Sushi, customerId: "cust-ada", items: ("item-omakase", 1)));
        await _driver.WaitForStateAsync(first, SagaState.AwaitingRestaurant);
        var second = await _driver.PlaceAsync(SagaDriver.NewOrder(SagaDriver.Sushi, customerId: "cust-bob", items: ("item-omakase", 1)));

        // Polled, not awaited: awaiting a result lets virtual time run, and the first order's acceptance deadline would pass.
        await _driver.WaitForStateAsync(second, SagaState.Rejected);
        var delivered = await _driver.DeliverAsync(first, SagaDriver.Sushi);
        var rejected = await _driver.ResultAsync(second);

        rejected.ShouldHaveEnded(SagaState.Rejected, ErrorReasons.OutOfStock);
        rejected.CompensationsRun.Should().Equal($"{SagaSteps.ReleaseItems} (nothing to undo)", SagaSteps.CloseOrder);
        (await _driver.OrderRecordAsync(second)).ShouldHaveHistory(
            ErrorReasons.OutOfStock, OrderStatus.Pending, OrderStatus.Rejected);
        (await _probe.PaymentAsync(second)).Should().BeNull();

        delivered.FinalState.Should().Be(SagaState.Delivered);
        delivered.CompensationsRun.Should().BeEmpty();
        (await _driver.OrderRecordAsync(first)).Status.Should().Be(OrderStatus.Delivered);
        var omakase = await _probe.ItemAsync(SagaDriver.Sushi, "item-omakase");
        (omakase.Available, omakase.Held, omakase.Consumed).Should().Be((0, 0, 1), "the single unit went to the first order");
        var payment = await _probe.PaymentAsync(first);
        payment!.Status.Should().Be(PaymentStatus.Captured);
        payment.Net.AmountMinor.Should().Be(4500);
        await _probe.ShouldAuditCleanAsync(orders: 2);
    }

    [Fact]
    public async Task PlaceOrder_CardDeclined_RejectedCardDeclinedWithStockReleasedAndNoMoneyMoved()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder(paymentToken: "tok_declined"));

        var result = await _driver.ResultAsync(orderId);

        result.ShouldHaveEnded(SagaState.Rejected, ErrorReasons.CardDeclined);
        result.CompensationsRun.Should().HaveCount(3);
        result.CompensationsRun[0].Should().StartWith(SagaSteps.VoidOrRefund, "the payment is undone first (newest step first)");
        result.CompensationsRun.Skip(1).Should().Equal(SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        var status = await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().Equal(SagaSteps.RecordOrder, SagaSteps.ReserveItems);
        (await _driver.OrderRecordAsync(orderId)).ShouldHaveHistory(
            ErrorReasons.CardDeclined, OrderStatus.Pending, OrderStatus.Rejected);

        (await _probe.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId);
        if (payment is not null)
        {
            payment.Ledger.Should().NotContain(e => e.Kind == LedgerEntryKind.Capture, "a declined card is never charged");
        }

        (await _probe.AssignmentAsync(orderId)).Should().BeNull("no courier is asked for an unpaid order");
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "card-declined");
    }

    [Fact]
    public async Task RejectTicket_RestaurantRejects_RejectedWithAuthorizationVoidedAndStockReleased()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        await _environment.Fulfillment.RejectTicketAsync(new RejectTicketRequest
        {
            OrderId = orderId,
            RestaurantId = SagaDriver.Pizzeria,
            Reason = "oven broken",
        });
        var result = await _driver.ResultAsync(orderId);

        result.ShouldHaveEnded(SagaState.Rejected, "RESTAURANT_REJECTED");
        result.Reason.Should().Contain("oven broken");
        result.CompensationsRun.Should().Equal(SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        var status = await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().Equal(SagaSteps.RecordOrder, SagaSteps.ReserveItems, SagaSteps.AuthorizePayment);
        (await _driver.OrderRecordAsync(orderId)).ShouldHaveHistory(
            "RESTAURANT_REJECTED", OrderStatus.Pending, OrderStatus.Rejected);

        (await _probe.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Voided);
        payment!.Ledger.Select(e => e.Kind).Should().Equal(LedgerEntryKind.Authorization, LedgerEntryKind.Void);
        (await _probe.AssignmentAsync(orderId)).Should().BeNull();
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "restaurant-rejects");
    }
}

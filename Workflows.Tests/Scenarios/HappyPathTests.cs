using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;

namespace FoodDelivery.Workflows.Tests.Scenarios;

public sealed class HappyPathTests : IAsyncLifetime
{
    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync();
        _driver = new SagaDriver(_environment);
    }

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task PlaceOrder_RestaurantAcceptsAndCourierDelivers_EndsDeliveredAndConsistent()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());

        var result = await _driver.DeliverAsync(orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        result.CompensationsRun.Should().BeEmpty();
        var order = await _driver.OrderRecordAsync(orderId);
        order.Status.Should().Be(OrderStatus.Delivered);
        order.Total.AmountMinor.Should().Be((2 * 950) + 650);
        order.History.Select(h => h.To).Should().Equal(
            OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered);
        var status = await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
        status.StepsDone.Should().ContainInOrder(
            SagaSteps.RecordOrder, SagaSteps.ReserveItems, SagaSteps.AuthorizePayment, SagaSteps.RestaurantAcceptance,
            SagaSteps.ConfirmTicket, SagaSteps.AssignCourier, SagaSteps.CapturePayment, SagaSteps.ConfirmOrder,
            SagaSteps.ConfirmPickup, SagaSteps.ConfirmDelivery);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "happy-path");
    }
}

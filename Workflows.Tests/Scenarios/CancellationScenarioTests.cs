using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using CancelOrderRequest = FoodDelivery.Contracts.Order.V1.CancelOrderRequest;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>The customer cancels: allowed until pickup (everything undone, CANCELLED), refused after it and once the order has ended.</summary>
public sealed class CancellationScenarioTests : IAsyncLifetime
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
    public async Task CancelOrder_WhileAwaitingRestaurant_CancelledWithAuthorizationVoidedAndStockReleased()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        var response = await _environment.Ordering.CancelOrderAsync(new CancelOrderRequest { OrderId = orderId, Reason = "changed my mind" });

        response.View.Saga.State.Should().Be(nameof(SagaState.Cancelled));
        response.View.Saga.CompensationsRun.Should().Equal(SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        response.View.Order.Status.Should().Be(OrderStatus.Cancelled);
        var result = await _driver.ResultAsync(orderId);
        result.ShouldHaveEnded(SagaState.Cancelled, "CANCELLED_BY_CUSTOMER");
        result.Reason.Should().Contain("changed my mind");
        result.CompensationsRun.Should().Equal(SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder);
        (await _driver.OrderRecordAsync(orderId)).ShouldHaveHistory(
            "changed my mind", OrderStatus.Pending, OrderStatus.Cancelled);

        (await _probe.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Voided);
        payment!.Ledger.Select(e => e.Kind).Should().Equal(LedgerEntryKind.Authorization, LedgerEntryKind.Void);
        (await _probe.AssignmentAsync(orderId)).Should().BeNull();
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "cancel-awaiting-restaurant");
    }

    [Fact]
    public async Task CancelOrder_ArrivingWithTheSagasFirstWorkflowTask_CancelledBeforeAnyStep()
    {
        // No worker runs, so the saga's start and the customer's cancellation reach the worker in one workflow task.
        await _environment.StopWorkerAsync();
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        var updateId = $"cancel-{orderId}";
        var cancel = _environment.Saga(orderId).ExecuteUpdateAsync(
            wf => wf.CancelOrderAsync(new Orchestrator.Saga.CancelOrderRequest("changed my mind")),
            new WorkflowUpdateOptions(updateId));
        await WaitUntilAdmittedAsync(orderId, updateId);
        await _environment.StartWorkerAsync();

        var answer = await cancel.WaitAsync(TimeSpan.FromSeconds(60));

        answer.State.Should().Be(SagaState.Cancelled);
        var result = await _driver.ResultAsync(orderId);
        result.ShouldHaveEnded(SagaState.Cancelled, "CANCELLED_BY_CUSTOMER");
        result.CompensationsRun.Should().ContainSingle().Which.Should().StartWith(SagaSteps.CloseOrder);
        (await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus())).StepsDone.Should().BeEmpty();
        (await _probe.ReservationAsync(orderId)).Should().BeNull("no stock was reserved");
        (await _probe.PaymentAsync(orderId)).Should().BeNull("no payment was authorized");
        (await _probe.AssignmentAsync(orderId)).Should().BeNull();
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "cancel-with-first-task");
    }

    [Fact]
    public async Task CancelOrder_AfterConfirmed_CancelledWithRefundCourierCancelledAndStockReturned()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.AcceptAsync(orderId);
        var confirmed = await _driver.WaitForStateAsync(orderId, SagaState.Confirmed);

        var response = await _environment.Ordering.CancelOrderAsync(new CancelOrderRequest { OrderId = orderId, Reason = "too slow" });

        var expected = new[] { SagaSteps.CancelCourier, SagaSteps.VoidOrRefund, SagaSteps.ReleaseItems, SagaSteps.CloseOrder };
        response.View.Saga.State.Should().Be(nameof(SagaState.Cancelled));
        response.View.Saga.CompensationsRun.Should().Equal(expected);
        response.View.Order.Status.Should().Be(OrderStatus.Cancelled);
        var result = await _driver.ResultAsync(orderId);
        result.ShouldHaveEnded(SagaState.Cancelled, "CANCELLED_BY_CUSTOMER");
        result.CompensationsRun.Should().Equal(expected);
        (await _driver.OrderRecordAsync(orderId)).ShouldHaveHistory(
            "too slow", OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Cancelled);

        (await _probe.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        var payment = await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Refunded);
        payment!.Ledger.Select(e => e.Kind).Should().Equal(
            LedgerEntryKind.Authorization, LedgerEntryKind.Capture, LedgerEntryKind.Refund);
        var assignment = await _probe.AssignmentAsync(orderId);
        assignment!.CourierId.Should().Be(confirmed.CourierId);
        await _probe.ShouldHaveNoCourierHeldAsync(orderId);
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "cancel-after-confirmed");
    }

    [Fact]
    public async Task CancelOrder_AfterPickup_RefusedWithReasonAndOrderIsDelivered()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.AcceptAsync(orderId);
        var courierId = (await _driver.WaitForStateAsync(orderId, SagaState.Confirmed)).CourierId!;
        await _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courierId });
        await _driver.WaitForStateAsync(orderId, SagaState.PickedUp);

        var refused = await ((Func<Task>)(async () => await _environment.Ordering.CancelOrderAsync(
            new CancelOrderRequest { OrderId = orderId, Reason = "too late?" }))).ShouldBeRefusedAsync(
            StatusCode.FailedPrecondition, ErrorReasons.CancellationRefused);

        refused.Status.Detail.Should().Contain("picked up");
        await _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courierId });
        var result = await _driver.ResultAsync(orderId);
        result.FinalState.Should().Be(SagaState.Delivered);
        result.CompensationsRun.Should().BeEmpty();
        (await _driver.OrderRecordAsync(orderId)).History.Select(h => h.To).Should().Equal(
            OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered);
        var payment = await _probe.PaymentAsync(orderId);
        payment!.Status.Should().Be(PaymentStatus.Captured);
        payment.Net.AmountMinor.Should().Be((2 * 950) + 650);
        (await _probe.AssignmentAsync(orderId))!.Status.Should().Be(AssignmentStatus.Delivered);
        await _probe.ShouldAuditCleanAsync(orders: 1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "cancel-refused-after-pickup");
    }

    [Fact]
    public async Task CancelOrder_AfterOrderEnded_RefusedAndNothingChanges()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
        await _environment.Ordering.CancelOrderAsync(new CancelOrderRequest { OrderId = orderId, Reason = "first cancel" });
        await _driver.ResultAsync(orderId);

        var refused = await ((Func<Task>)(async () => await _environment.Ordering.CancelOrderAsync(
            new CancelOrderRequest { OrderId = orderId, Reason = "second cancel" }))).ShouldBeRefusedAsync(
            StatusCode.FailedPrecondition, ErrorReasons.CancellationRefused);

        refused.Status.Detail.Should().NotBeNullOrWhiteSpace();
        var order = await _driver.OrderRecordAsync(orderId);
        order.ShouldHaveHistory("first cancel", OrderStatus.Pending, OrderStatus.Cancelled);
        (await _probe.ShouldHaveNetZeroPaymentAsync(orderId, PaymentStatus.Voided))!.Ledger.Should().HaveCount(2);
        await _probe.ShouldHaveStockAsSeededAsync(SagaDriver.Pizzeria, "item-margherita", "item-tiramisu");
        await _probe.ShouldAuditCleanAsync(orders: 1);
    }

    /// <summary>Polls the engine until it has admitted the update (it waits for a workflow task to carry it).</summary>
    private async Task WaitUntilAdmittedAsync(string orderId, string updateId)
    {
        var client = _environment.Client;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var answer = await client.WorkflowService.PollWorkflowExecutionUpdateAsync(new PollWorkflowExecutionUpdateRequest
            {
                Namespace = client.Options.Namespace,
                UpdateRef = new UpdateRef { WorkflowExecution = new() { WorkflowId = _environment.Saga(orderId).Id }, UpdateId = updateId },
                WaitPolicy = new WaitPolicy { LifecycleStage = UpdateWorkflowExecutionLifecycleStage.Admitted },
            });
            if (answer.Stage >= UpdateWorkflowExecutionLifecycleStage.Admitted)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the engine should admit update {updateId}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.Workflows.Tests.Support;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>
/// A compensation that fails for good does not give up silently: the order goes to NEEDS_ATTENTION and the saga waits
/// for an operator, who retries it (a new idempotency key) or resolves it by hand with a note.
/// </summary>
public sealed class NeedsAttentionTests : IAsyncLifetime
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
    public async Task RetryCompensation_ReleaseFailedForGood_RetriedWithNewKeyAndOrderRejectedConsistently()
    {
        var (orderId, result) = await DeclinedOrderStuckOnReleaseAsync();

        var view = (await _environment.Operators.RetryCompensationAsync(new OperatorRequest { OrderId = orderId })).View;
        view.OrderId.Should().Be(orderId);

        var outcome = await result.WaitAsync(TimeSpan.FromSeconds(60));
        outcome.FinalState.Should().Be(SagaState.Rejected);
        outcome.Reason.Should().StartWith(ErrorReasons.CardDeclined);
        outcome.CompensationsRun.Should().Contain(SagaSteps.ReleaseItems);
        outcome.CompensationsRun.Last().Should().Be(SagaSteps.CloseOrder);
        (await ScenarioProbes.ScheduledKeysAsync(_environment, orderId)).Should().Contain(
            new[] { WireNames.IdempotencyKey(orderId, SagaSteps.ReleaseItems), $"{orderId}:{SagaSteps.ReleaseItems}:retry-1" });

        (await ScenarioProbes.ReservationAsync(_environment, orderId)).Status.Should().Be(ReservationStatus.Released);
        await ShouldHaveStockBackAsync();
        var order = await _driver.OrderRecordAsync(orderId);
        order.Status.Should().Be(OrderStatus.Rejected);
        order.History.Select(h => h.To).Should().Equal(OrderStatus.Pending, OrderStatus.NeedsAttention, OrderStatus.Rejected);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
        audit.OrdersInFlight.Should().BeEmpty();
        await HistoryRecorder.RecordAsync(_environment, orderId, "needs-attention-retry");
    }

    [Fact]
    public async Task ResolveOrder_OperatorReleasedStockByHand_OrderRejectedWithNoteAndConsistent()
    {
        var (orderId, result) = await DeclinedOrderStuckOnReleaseAsync();

        // The operator gives the stock back by hand (a key of their own), then tells the saga it is handled.
        using (var channel = GrpcChannel.ForAddress(_environment.Services.Restaurant.Address))
        {
            var released = await new RestaurantService.RestaurantServiceClient(channel.WithDevelopmentTokens()).ReleaseItemsAsync(new ReleaseItemsRequest
            {
                IdempotencyKey = $"{orderId}:operator-release",
                OrderId = orderId,
                Reason = "released by hand after NEEDS_ATTENTION",
            });
            released.Released.Should().BeTrue();
        }

        const string note = "stock released by hand (ticket OPS-42)";
        await _environment.Operators.ResolveOrderAsync(new OperatorRequest { OrderId = orderId, Note = note });

        var outcome = await result.WaitAsync(TimeSpan.FromSeconds(60));
        outcome.FinalState.Should().Be(SagaState.Rejected);
        outcome.CompensationsRun.Should().Contain($"{SagaSteps.ReleaseItems} (resolved by operator: {note})");
        outcome.CompensationsRun.Last().Should().Be(SagaSteps.CloseOrder);
        (await ScenarioProbes.ScheduledKeysAsync(_environment, orderId)).Should().NotContain(k => k.Contains(":retry-", StringComparison.Ordinal));

        await ShouldHaveStockBackAsync();
        var order = await _driver.OrderRecordAsync(orderId);
        order.Status.Should().Be(OrderStatus.Rejected);
        order.History.Select(h => h.To).Should().Equal(OrderStatus.Pending, OrderStatus.NeedsAttention, OrderStatus.Rejected);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "needs-attention-resolve");
    }

    [Fact]
    public async Task ResolveOrder_CommandArrivesWhileNeedsAttentionIsRecorded_CommandKeptAndOrderRejected()
    {
        var request = SagaDriver.NewOrder(paymentToken: "tok_declined");
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        _environment.Faults("restaurant").FailFirstAttempts(WireNames.IdempotencyKey(orderId, SagaSteps.ReleaseItems), 1_000_000);

        // The order service records NEEDS_ATTENTION, then holds its answer: the operator's command lands in that window.
        _environment.Faults("order").DelayResponseOnce(
            WireNames.IdempotencyKey(orderId, SagaSteps.MarkNeedsAttention), TimeSpan.FromSeconds(5));
        await _driver.PlaceAsync(request);
        var result = _driver.ResultAsync(orderId);
        await _driver.WaitForStateAsync(orderId, SagaState.NeedsAttention, TimeSpan.FromSeconds(60));

        const string note = "handled while the record was being written";
        await _environment.Operators.ResolveOrderAsync(new OperatorRequest { OrderId = orderId, Note = note });

        var outcome = await result.WaitAsync(TimeSpan.FromSeconds(60));
        outcome.FinalState.Should().Be(SagaState.Rejected);
        outcome.CompensationsRun.Should().Contain($"{SagaSteps.ReleaseItems} (resolved by operator: {note})");
        (await _driver.OrderRecordAsync(orderId)).Status.Should().Be(OrderStatus.Rejected);
        var audit = await _environment.AuditAsync();
        audit.OrdersInFlight.Should().BeEmpty(audit.ToString());
        await HistoryRecorder.RecordAsync(_environment, orderId, "needs-attention-resolve-while-marking");
    }

    [Fact]
    public async Task OperatorApi_OrderNotInNeedsAttention_RefusedWithReason()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        var retry = await CallAsync(() => _environment.Operators.RetryCompensationAsync(new OperatorRequest { OrderId = orderId }).ResponseAsync);
        retry.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        ReasonOf(retry).Should().Be(ErrorReasons.IllegalTransition);
        retry.Status.Detail.Should().Contain("AwaitingRestaurant");
        var resolve = await CallAsync(() => _environment.Operators.ResolveOrderAsync(new OperatorRequest { OrderId = orderId, Note = "n/a" }).ResponseAsync);
        resolve.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var noNote = await CallAsync(() => _environment.Operators.ResolveOrderAsync(new OperatorRequest { OrderId = orderId }).ResponseAsync);
        noNote.StatusCode.Should().Be(StatusCode.InvalidArgument);
        var unknown = await CallAsync(() => _environment.Operators.RetryCompensationAsync(new OperatorRequest { OrderId = "ord-00000000000000000000" }).ResponseAsync);
        unknown.StatusCode.Should().Be(StatusCode.NotFound);

        // The refused commands changed nothing: the saga goes on, and here the restaurant rejects the ticket.
        (await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus())).State.Should().Be(SagaState.AwaitingRestaurant);
        await _environment.Fulfillment.RejectTicketAsync(new Contracts.Order.V1.RejectTicketRequest
        {
            OrderId = orderId,
            RestaurantId = SagaDriver.Pizzeria,
            Reason = "kitchen closed",
        });
        var outcome = await _driver.ResultAsync(orderId);
        outcome.FinalState.Should().Be(SagaState.Rejected);
        outcome.Reason.Should().StartWith("RESTAURANT_REJECTED");

        var ended = await CallAsync(() => _environment.Operators.RetryCompensationAsync(new OperatorRequest { OrderId = orderId }).ResponseAsync);
        ended.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        ended.Status.Detail.Should().Contain("Rejected");
        (await _driver.OrderRecordAsync(orderId)).Status.Should().Be(OrderStatus.Rejected);
        await ShouldHaveStockBackAsync();
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
    }

    /// <summary>
    /// A declined card whose stock release fails for good: the saga parks in NeedsAttention. Returns the result task,
    /// awaited from the start so that virtual time skips through the release's retry backoffs.
    /// </summary>
    private async Task<(string OrderId, Task<OrderSagaResult> Result)> DeclinedOrderStuckOnReleaseAsync()
    {
        var request = SagaDriver.NewOrder(paymentToken: "tok_declined");
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        _environment.Faults("restaurant").FailFirstAttempts(WireNames.IdempotencyKey(orderId, SagaSteps.ReleaseItems), 1_000_000);

        await _driver.PlaceAsync(request);
        var result = _driver.ResultAsync(orderId);
        var status = await _driver.WaitForStateAsync(orderId, SagaState.NeedsAttention, TimeSpan.FromSeconds(60));

        status.PendingCompensation.Should().Be(SagaSteps.ReleaseItems);
        status.LastError.Should().Contain(SagaSteps.ReleaseItems).And.Contain("failed for good");
        result.IsCompleted.Should().BeFalse("the saga waits for an operator instead of giving up");
        var record = await WaitForRecordAsync(orderId, OrderStatus.NeedsAttention);
        record.History.Last().Reason.Should().Contain(SagaSteps.ReleaseItems);
        var view = await _environment.Ordering.GetOrderViewAsync(new Contracts.Order.V1.GetOrderRequest { OrderId = orderId });
        view.Saga.State.Should().Be(nameof(SagaState.NeedsAttention));
        view.Saga.PendingCompensation.Should().Be(SagaSteps.ReleaseItems);
        view.Saga.LastError.Should().NotBeEmpty();
        view.Saga.Finished.Should().BeFalse();

        // Stuck for real: the stock is still held, and the audit lists the order as in flight rather than judging it.
        (await ScenarioProbes.ReservationAsync(_environment, orderId)).Status.Should().Be(ReservationStatus.Held);
        (await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, "item-margherita")).Held.Should().Be(2);
        var audit = await _environment.AuditAsync();
        audit.OrdersInFlight.Should().ContainSingle().Which.Should().Contain(orderId);
        return (orderId, result);
    }

    private async Task<Contracts.Order.V1.Order> WaitForRecordAsync(string orderId, OrderStatus status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Contracts.Order.V1.Order record;
        do
        {
            record = await _driver.OrderRecordAsync(orderId);
            if (record.Status == status)
            {
                return record;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"order {orderId} record is {record.Status}, not {status}");
    }

    private async Task ShouldHaveStockBackAsync()
    {
        foreach (var itemId in new[] { "item-margherita", "item-tiramisu" })
        {
            var item = await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, itemId);
            item.Held.Should().Be(0, itemId);
            item.Available.Should().Be(item.InitialStock, itemId);
        }
    }

    private static async Task<RpcException> CallAsync(Func<Task> call)
    {
        var refused = await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>();
        return refused.Which;
    }

    private static string? ReasonOf(RpcException refused) => refused.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using Grpc.Core;
using AcceptTicketRequest = FoodDelivery.Contracts.Order.V1.AcceptTicketRequest;
using RejectTicketRequest = FoodDelivery.Contracts.Order.V1.RejectTicketRequest;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>PlaceOrder's idempotency and validation, and FulfillmentApi reports sent at the wrong moment or by the wrong party.</summary>
public sealed class PlaceOrderTests : IAsyncLifetime
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
    public async Task PlaceOrder_RepeatedWithSameClientRequestId_ReturnsSameOrderAndRunsOneSaga()
    {
        var request = SagaDriver.NewOrder();

        var first = await _environment.Ordering.PlaceOrderAsync(request);
        var repeat = await _environment.Ordering.PlaceOrderAsync(request.Clone());

        first.Existing.Should().BeFalse();
        repeat.Existing.Should().BeTrue();
        repeat.OrderId.Should().Be(first.OrderId).And.Be(WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId));
        repeat.WorkflowId.Should().Be(first.WorkflowId);
        repeat.Total.Should().Be(first.Total);
        var result = await _driver.DeliverAsync(first.OrderId);
        result.FinalState.Should().Be(SagaState.Delivered);
        await ShouldHaveOneSagaAndOneOrderAsync(request.CustomerId, first.OrderId);
        await _probe.ShouldAuditCleanAsync(orders: 1);
    }

    [Fact]
    public async Task PlaceOrder_SameClientRequestIdDifferentPayload_RefusedIdempotencyKeyReused()
    {
        var request = SagaDriver.NewOrder();
        var first = await _environment.Ordering.PlaceOrderAsync(request);
        var changed = request.Clone();
        changed.Items[0].Quantity = 5;

        await ((Func<Task>)(async () => await _environment.Ordering.PlaceOrderAsync(changed)))
            .ShouldBeRefusedAsync(StatusCode.InvalidArgument, ErrorReasons.IdempotencyKeyReused);

        var result = await _driver.DeliverAsync(first.OrderId);
        result.FinalState.Should().Be(SagaState.Delivered);
        var order = await _driver.OrderRecordAsync(first.OrderId);
        order.Lines.Single(l => l.ItemId == "item-margherita").Quantity.Should().Be(2, "the refused request changed nothing");
        var margherita = await _probe.ItemAsync(SagaDriver.Pizzeria, "item-margherita");
        margherita.Consumed.Should().Be(2);
        await ShouldHaveOneSagaAndOneOrderAsync(request.CustomerId, first.OrderId);
        await _probe.ShouldAuditCleanAsync(orders: 1);
    }

    [Fact]
    public async Task PlaceOrder_TenConcurrentIdenticalRequests_OneSagaOneOrder()
    {
        var request = SagaDriver.NewOrder();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            await _environment.Ordering.PlaceOrderAsync(request.Clone())));

        responses.Select(r => r.OrderId).Distinct().Should().ContainSingle();
        responses.Count(r => !r.Existing).Should().Be(1, "exactly one request started the saga");
        var orderId = responses[0].OrderId;
        var result = await _driver.DeliverAsync(orderId);
        result.FinalState.Should().Be(SagaState.Delivered);
        (await _probe.ItemAsync(SagaDriver.Pizzeria, "item-margherita")).Consumed.Should().Be(2);
        var payment = await _probe.PaymentAsync(orderId);
        payment!.Net.AmountMinor.Should().Be((2 * 950) + 650, "the customer is charged once");
        await ShouldHaveOneSagaAndOneOrderAsync(request.CustomerId, orderId);
        await _probe.ShouldAuditCleanAsync(orders: 1);
    }

    [Fact]
    public async Task PlaceOrder_InvalidFields_RefusedWithFieldViolationsAndNoSaga()
    {
        var noItems = SagaDriver.NewOrder();
        noItems.Items.Clear();
        var badAddress = SagaDriver.NewOrder();
        badAddress.DeliveryAddress = new Address { Street = string.Empty, City = "Berlin", PostalCode = "10999", Country = "Germany" };
        var noAddress = SagaDriver.NewOrder();
        noAddress.DeliveryAddress = null;
        var badIds = SagaDriver.NewOrder(customerId: "cust ada");
        badIds.ClientRequestId = string.Empty;
        badIds.Items.Add(new ItemQuantity { ItemId = "item-margherita", Quantity = 1 });

        (await Refusal(noItems).ShouldBeInvalidAsync()).Should().Equal("items");
        (await Refusal(badAddress).ShouldBeInvalidAsync()).Should().BeEquivalentTo("delivery_address.street", "delivery_address.country");
        (await Refusal(noAddress).ShouldBeInvalidAsync()).Should().Equal("delivery_address");
        (await Refusal(badIds).ShouldBeInvalidAsync()).Should().Contain(["client_request_id", "customer_id"])
            .And.Contain(f => f.StartsWith("items[", StringComparison.Ordinal), "the duplicated line is named");

        foreach (var request in new[] { noItems, badAddress, noAddress })
        {
            await ShouldHaveNoSagaAsync(request);
        }

        await ShouldHaveNothingStartedAsync();
    }

    [Fact]
    public async Task PlaceOrder_UnknownRestaurant_RefusedNotFoundAndNoSaga()
    {
        var request = SagaDriver.NewOrder(restaurantId: "rest-nowhere");

        var refused = await Refusal(request).ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);

        refused.Status.Detail.Should().Contain("rest-nowhere");
        await ShouldHaveNoSagaAsync(request);
        await ShouldHaveNothingStartedAsync();
    }

    [Fact]
    public async Task PlaceOrder_InactiveItem_RefusedItemUnavailableAndNoSaga()
    {
        var request = SagaDriver.NewOrder(items: [("item-margherita", 1), ("item-truffle-pizza", 1)]);

        var refused = await Refusal(request).ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.ItemUnavailable);

        refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata[ErrorReasons.ItemsMetadataKey]
            .Should().Be("item-truffle-pizza");
        await ShouldHaveNoSagaAsync(request);
        await ShouldHaveNothingStartedAsync();
    }

    [Fact]
    public async Task FulfillmentReports_WrongMomentOrWrongParty_RefusedWithReasonAndSagaDeliversNormally()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        // Unknown order, wrong restaurant, courier reports before anything was confirmed.
        await Call(() => _environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = "ord-unknown", RestaurantId = SagaDriver.Pizzeria }))
            .ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
        await Call(() => _environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Sushi }))
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.WrongRestaurant);
        await Call(() => _environment.Fulfillment.RejectTicketAsync(new RejectTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Sushi, Reason = "not ours" }))
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.WrongRestaurant);
        var early = await Call(() => _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = "courier-1" }))
            .ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        early.Status.Detail.Should().Contain(nameof(SagaState.AwaitingRestaurant));
        await Call(() => _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = "courier-1" }))
            .ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        (await _environment.Saga(orderId).QueryAsync(wf => wf.GetStatus())).State.Should().Be(SagaState.AwaitingRestaurant);

        await _environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Pizzeria });
        var confirmed = await _driver.WaitForStateAsync(orderId, SagaState.Confirmed);
        var courierId = confirmed.CourierId!;
        var otherCourier = courierId == "courier-1" ? "courier-2" : "courier-1";

        // The restaurant answers twice; another courier reports; delivery reported before pickup.
        await Call(() => _environment.Fulfillment.RejectTicketAsync(new RejectTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Pizzeria, Reason = "too late" }))
            .ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        await Call(() => _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = otherCourier }))
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.WrongCourier);
        await Call(() => _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courierId }))
            .ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);

        await _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courierId });
        await _driver.WaitForStateAsync(orderId, SagaState.PickedUp);
        await Call(() => _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = otherCourier }))
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.WrongCourier);
        await _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courierId });

        var result = await _driver.ResultAsync(orderId);
        result.FinalState.Should().Be(SagaState.Delivered);
        result.CompensationsRun.Should().BeEmpty();
        (await _driver.OrderRecordAsync(orderId)).History.Select(h => h.To).Should().Equal(
            OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered);
        await Call(() => _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courierId }))
            .ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        await _probe.ShouldAuditCleanAsync(orders: 1);
    }

    private static Func<Task> Call<T>(Func<AsyncUnaryCall<T>> call) => async () => await call();

    private Func<Task> Refusal(PlaceOrderRequest request) => async () => await _environment.Ordering.PlaceOrderAsync(request);

    /// <summary>The engine knows no saga for the order this request would have placed.</summary>
    private async Task ShouldHaveNoSagaAsync(PlaceOrderRequest request)
    {
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        await ((Func<Task>)(() => _environment.Saga(orderId).DescribeAsync()))
            .Should().ThrowAsync<Temporalio.Exceptions.RpcException>()
            .Where(e => e.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound);
    }

    /// <summary>No workflow, no order, no reservation, no payment: a refused PlaceOrder starts nothing anywhere.</summary>
    private async Task ShouldHaveNothingStartedAsync()
    {
        (await SagasAsync()).Should().BeEmpty();
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(0, audit.ToString());
        audit.OrdersInFlight.Should().BeEmpty();
    }

    private async Task ShouldHaveOneSagaAndOneOrderAsync(string customerId, string orderId)
    {
        (await SagasAsync()).Should().Equal(WireNames.WorkflowIdFor(orderId));
        var orders = await _environment.Ordering.ListCustomerOrdersAsync(new ListOrdersRequest { CustomerId = customerId });
        orders.Orders.Select(o => o.OrderId).Should().Equal(orderId);
    }

    /// <summary>Workflow ids of every saga run on this environment's task queue.</summary>
    private async Task<List<string>> SagasAsync()
    {
        var ids = new List<string>();
        await foreach (var execution in _environment.Client.ListWorkflowsAsync($"TaskQueue = '{_environment.Temporal.TaskQueue}'"))
        {
            ids.Add(execution.Id);
        }

        return ids;
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using Grpc.Core;
using static FoodDelivery.Security.Tests.SecuredSystem;
using SagaState = FoodDelivery.Orchestrator.Saga.SagaState;

namespace FoodDelivery.Security.Tests;

/// <summary>
/// OrderingApi with valid tokens: customers act for themselves only; another customer's order does not exist for them
/// (NOT_FOUND, exactly as an unknown order); operators read, list and cancel any order but place none.
/// </summary>
[Collection(SecuredSystemCollection.Name)]
public sealed class OrderingAuthorizationTests(SecuredSystem system)
{
    [Fact]
    public async Task OwnOrder_CustomerPlacesReadsWatchesListsAndCancels_Succeeds()
    {
        const string customer = "cust-owner-1";
        var token = system.Tokens.Customer(customer);

        var placed = await system.Ordering.PlaceOrderAsync(NewOrder(customer), As(token));
        var view = await system.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = placed.OrderId }, As(token));
        using var watch = system.Ordering.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId }, As(token));
        var watched = await watch.ResponseStream.MoveNext(CancellationToken.None);
        await system.WaitForStateAsync(placed.OrderId, SagaState.AwaitingRestaurant);
        var cancelled = await system.Ordering.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId, Reason = "changed my mind" }, As(token));
        var listed = await system.Ordering.ListCustomerOrdersAsync(new ListOrdersRequest { CustomerId = customer }, As(token));

        view.OrderId.Should().Be(placed.OrderId);
        watched.Should().BeTrue();
        watch.ResponseStream.Current.OrderId.Should().Be(placed.OrderId);
        cancelled.View.Saga.State.Should().Be(nameof(SagaState.Cancelled));
        listed.Orders.Select(o => o.OrderId).Should().Contain(placed.OrderId);
    }

    [Fact]
    public async Task PlaceOrder_CustomerTokenForAnotherCustomer_PermissionDeniedAndNoSagaStarted()
    {
        var request = NewOrder("cust-victim");

        await Call(() => system.Ordering.PlaceOrderAsync(request, As(system.Tokens.Customer("cust-mallory"))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);

        (await system.SagaExistsAsync(WireNames.OrderIdFor("cust-victim", request.ClientRequestId))).Should().BeFalse();
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("restaurant")]
    [InlineData("courier")]
    public async Task PlaceOrder_NotACustomerRole_PermissionDeniedAndNoSagaStarted(string role)
    {
        var request = NewOrder("cust-someone");
        var token = role switch
        {
            "operator" => system.Tokens.Operator(),
            "restaurant" => system.Tokens.Restaurant(Pizzeria),
            _ => system.Tokens.Courier("cust-someone"),
        };

        var refusal = await Call(() => system.Ordering.PlaceOrderAsync(request, As(token)).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);

        refusal.Status.Detail.Should().Contain("needs the role customer");
        (await system.SagaExistsAsync(WireNames.OrderIdFor("cust-someone", request.ClientRequestId))).Should().BeFalse();
    }

    [Fact]
    public async Task AnotherCustomersOrder_ReadWatchCancel_NotFoundLikeAnUnknownOrderAndNothingChanges()
    {
        var placed = await system.Ordering.PlaceOrderAsync(NewOrder("cust-alice"), As(system.Tokens.Customer("cust-alice")));
        await system.WaitForStateAsync(placed.OrderId, SagaState.AwaitingRestaurant);
        var mallory = As(system.Tokens.Customer("cust-mallory"));

        var read = await Call(() => system.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = placed.OrderId }, mallory).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
        await Call(async () =>
            {
                using var watch = system.Ordering.WatchOrder(new WatchOrderRequest { OrderId = placed.OrderId }, mallory);
                await watch.ResponseStream.MoveNext(CancellationToken.None);
            })
            .ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
        await Call(() => system.Ordering.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId, Reason = "mine now" }, mallory).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
        var unknown = await Call(() => system.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = "ord-does-not-exist" }, mallory).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);

        read.Status.Detail.Should().Be(unknown.Status.Detail.Replace("ord-does-not-exist", placed.OrderId, StringComparison.Ordinal));
        (await system.WaitForStateAsync(placed.OrderId, SagaState.AwaitingRestaurant)).State.Should().Be(SagaState.AwaitingRestaurant);
    }

    [Fact]
    public async Task Operator_ReadsListsAndCancelsAnyCustomersOrder_Succeeds()
    {
        var placed = await system.Ordering.PlaceOrderAsync(NewOrder("cust-bob"), As(system.Tokens.Customer("cust-bob")));
        await system.WaitForStateAsync(placed.OrderId, SagaState.AwaitingRestaurant);
        var support = As(system.Tokens.Operator("support-1"));

        var view = await system.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = placed.OrderId }, support);
        var listed = await system.Ordering.ListCustomerOrdersAsync(new ListOrdersRequest { CustomerId = "cust-bob" }, support);
        var cancelled = await system.Ordering.CancelOrderAsync(new CancelOrderRequest { OrderId = placed.OrderId, Reason = "customer called" }, support);

        view.Order.CustomerId.Should().Be("cust-bob");
        listed.Orders.Select(o => o.OrderId).Should().Contain(placed.OrderId);
        cancelled.View.Saga.State.Should().Be(nameof(SagaState.Cancelled));
    }

    [Fact]
    public async Task ListCustomerOrders_AnotherCustomer_PermissionDenied()
    {
        await Call(() => system.Ordering.ListCustomerOrdersAsync(new ListOrdersRequest { CustomerId = "cust-alice" }, As(system.Tokens.Customer("cust-mallory"))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);
    }

    private static Func<Task> Call(Func<Task> call) => call;
}

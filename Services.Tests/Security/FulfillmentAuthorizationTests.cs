using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using Grpc.Core;
using static FoodDelivery.Security.Tests.SecuredSystem;

namespace FoodDelivery.Security.Tests;

/// <summary>
/// FulfillmentApi and OperatorApi: a restaurant reports only for its own restaurant's orders, a courier only for the
/// orders assigned to them, operator commands need the operator role. Every refusal leaves the saga where it was.
/// </summary>
[Collection(SecuredSystemCollection.Name)]
public sealed class FulfillmentAuthorizationTests(SecuredSystem system)
{
    [Fact]
    public async Task OrderLifecycle_EachPartyWithItsOwnToken_Delivered()
    {
        var orderId = await PlaceAndWaitForRestaurantAsync("cust-happy");

        await system.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = Pizzeria }, As(system.Tokens.Restaurant(Pizzeria)));
        var courier = (await system.WaitForStateAsync(orderId, SagaState.Confirmed)).CourierId!;
        var courierToken = As(system.Tokens.Courier(courier));
        await system.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier }, courierToken);
        await system.WaitForStateAsync(orderId, SagaState.PickedUp);
        await system.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier }, courierToken);

        (await system.WaitForStateAsync(orderId, SagaState.Delivered)).State.Should().Be(SagaState.Delivered);
    }

    [Fact]
    public async Task AcceptAndRejectTicket_RestaurantTokenForAnotherRestaurant_PermissionDeniedAndSagaStillWaits()
    {
        var orderId = await PlaceAndWaitForRestaurantAsync("cust-restaurant-check");
        var sushi = As(system.Tokens.Restaurant(Sushi));

        // Naming the order's restaurant with another restaurant's token, and naming its own restaurant for another's order.
        var refusal = await Call(() => system.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = Pizzeria }, sushi).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);
        await Call(() => system.Fulfillment.RejectTicketAsync(new RejectTicketRequest { OrderId = orderId, RestaurantId = Pizzeria, Reason = "closed" }, sushi).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);
        await Call(() => system.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = Sushi }, sushi).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.WrongRestaurant);

        refusal.Status.Detail.Should().Contain(Pizzeria);
        (await system.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant)).State.Should().Be(SagaState.AwaitingRestaurant);
    }

    [Fact]
    public async Task AcceptTicket_CustomerToken_PermissionDeniedForTheRole()
    {
        var orderId = await PlaceAndWaitForRestaurantAsync("cust-self-accept");

        var refusal = await Call(() => system.Fulfillment.AcceptTicketAsync(
                new AcceptTicketRequest { OrderId = orderId, RestaurantId = Pizzeria }, As(system.Tokens.Customer("cust-self-accept"))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);

        refusal.Status.Detail.Should().Contain("needs the role restaurant");
        (await system.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant)).State.Should().Be(SagaState.AwaitingRestaurant);
    }

    [Fact]
    public async Task CourierReports_CourierNotAssigned_PermissionDeniedAndSagaStillConfirmed()
    {
        var orderId = await PlaceAndWaitForRestaurantAsync("cust-courier-check");
        await system.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = Pizzeria }, As(system.Tokens.Restaurant(Pizzeria)));
        var assigned = (await system.WaitForStateAsync(orderId, SagaState.Confirmed)).CourierId!;
        var other = assigned == "courier-1" ? "courier-2" : "courier-1";

        // Another courier speaking for themselves, and another courier's token naming the assigned courier.
        await Call(() => system.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = other }, As(system.Tokens.Courier(other))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.WrongCourier);
        await Call(() => system.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = assigned }, As(system.Tokens.Courier(other))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);
        await Call(() => system.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = assigned }, As(system.Tokens.Restaurant(Pizzeria))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);

        (await system.WaitForStateAsync(orderId, SagaState.Confirmed)).State.Should().Be(SagaState.Confirmed);
    }

    [Fact]
    public async Task OperatorCommands_CustomerToken_PermissionDeniedButOperatorTokenIsHeard()
    {
        var orderId = await PlaceAndWaitForRestaurantAsync("cust-operator-check");
        var request = new OperatorRequest { OrderId = orderId, Note = "refunded by hand" };

        await Call(() => system.Operators.ResolveOrderAsync(request, As(system.Tokens.Customer("cust-operator-check"))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);
        await Call(() => system.Operators.RetryCompensationAsync(request, As(system.Tokens.Restaurant(Pizzeria))).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);

        // Past authorization, the saga's own rule answers: nothing needs an operator here.
        await Call(() => system.Operators.ResolveOrderAsync(request, As(system.Tokens.Operator())).ResponseAsync)
            .ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        (await system.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant)).State.Should().Be(SagaState.AwaitingRestaurant);
    }

    private async Task<string> PlaceAndWaitForRestaurantAsync(string customer)
    {
        var placed = await system.Ordering.PlaceOrderAsync(NewOrder(customer), As(system.Tokens.Customer(customer)));
        await system.WaitForStateAsync(placed.OrderId, SagaState.AwaitingRestaurant);
        return placed.OrderId;
    }

    private static Func<Task> Call(Func<Task> call) => call;
}

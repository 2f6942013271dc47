using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using Grpc.Core;
using static FoodDelivery.Security.Tests.SecuredSystem;

namespace FoodDelivery.Security.Tests;

/// <summary>
/// The services' internal RPCs: writes accept only the orchestrator's service identity, reads any service identity; a
/// client token (even an operator's) is not a service identity. A refused write writes nothing.
/// </summary>
[Collection(SecuredSystemCollection.Name)]
public sealed class InternalApiAuthTests(SecuredSystem system)
{
    public static TheoryData<string> Callers => ["none", "customer", "operator"];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task MutatingInternalRpcs_WithoutServiceIdentity_UnauthenticatedAndNothingWritten(string caller)
    {
        var orderId = $"ord-internal-{caller}-{Guid.NewGuid():N}";
        var options = As(caller switch
        {
            "customer" => system.Tokens.Customer("cust-sneaky"),
            "operator" => system.Tokens.Operator(),
            _ => null,
        });

        await Refused(() => system.Restaurants.ReserveItemsAsync(Reserve(orderId), options).ResponseAsync);
        await Refused(() => system.Payments.AuthorizePaymentAsync(Authorize(orderId), options).ResponseAsync);
        await Refused(() => system.Deliveries.AssignCourierAsync(Assign(orderId), options).ResponseAsync);
        await Refused(() => system.Orders.CreateOrderAsync(Create(orderId), options).ResponseAsync);

        var orchestrator = As(system.Tokens.Orchestrator());
        await NotFound(() => system.Restaurants.GetReservationAsync(new GetReservationRequest { OrderId = orderId }, orchestrator).ResponseAsync);
        await NotFound(() => system.Payments.GetPaymentAsync(new GetPaymentRequest { OrderId = orderId }, orchestrator).ResponseAsync);
        await NotFound(() => system.Deliveries.GetAssignmentAsync(new GetAssignmentRequest { OrderId = orderId }, orchestrator).ResponseAsync);
        await NotFound(() => system.Orders.GetOrderAsync(new Contracts.Order.V1.GetOrderRequest { OrderId = orderId }, orchestrator).ResponseAsync);
    }

    [Fact]
    public async Task InternalReads_ClientToken_Unauthenticated()
    {
        var refusal = await ((Func<Task>)(() => system.Restaurants.GetMenuAsync(new GetMenuRequest { RestaurantId = Pizzeria }, As(system.Tokens.Operator())).ResponseAsync))
            .ShouldBeRefusedAsync(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);

        refusal.Status.Detail.Should().Contain("service-identity token");
    }

    [Fact]
    public async Task InternalRpcs_OrchestratorToken_WritesAndReadsAccepted()
    {
        var orderId = $"ord-internal-ok-{Guid.NewGuid():N}";
        var orchestrator = As(system.Tokens.Orchestrator());

        var reservation = await system.Restaurants.ReserveItemsAsync(Reserve(orderId), orchestrator);
        var released = await system.Restaurants.ReleaseItemsAsync(
            new ReleaseItemsRequest { IdempotencyKey = $"{orderId}:release", OrderId = orderId, Reason = "test over" }, orchestrator);
        var payment = await system.Payments.AuthorizePaymentAsync(Authorize(orderId), orchestrator);
        var voided = await system.Payments.VoidOrRefundAsync(
            new VoidOrRefundRequest { IdempotencyKey = $"{orderId}:void", OrderId = orderId, Reason = "test over" }, orchestrator);

        reservation.OrderId.Should().Be(orderId);
        released.Should().NotBeNull();
        payment.OrderId.Should().Be(orderId);
        voided.Outcome.Should().Be(VoidOrRefundOutcome.Voided);
    }

    [Fact]
    public async Task ServiceRoleToken_ReadsButMayNotWrite()
    {
        var service = As(system.Tokens.Service("order"));

        var menu = await system.Restaurants.GetMenuAsync(new GetMenuRequest { RestaurantId = Pizzeria }, service);
        var refusal = await ((Func<Task>)(() => system.Restaurants.ReserveItemsAsync(Reserve($"ord-service-{Guid.NewGuid():N}"), service).ResponseAsync))
            .ShouldBeRefusedAsync(StatusCode.PermissionDenied, ErrorReasons.PermissionDenied);

        menu.Items.Should().NotBeEmpty();
        refusal.Status.Detail.Should().Contain("needs the role orchestrator");
    }

    private static Task Refused(Func<Task> call) => call.ShouldBeRefusedAsync(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);

    private static Task NotFound(Func<Task> call) => call.ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);

    private static ReserveItemsRequest Reserve(string orderId) => new()
    {
        IdempotencyKey = $"{orderId}:reserve",
        OrderId = orderId,
        RestaurantId = Pizzeria,
        Items = { new ItemQuantity { ItemId = "item-margherita", Quantity = 1 } },
    };

    private static AuthorizePaymentRequest Authorize(string orderId) => new()
    {
        IdempotencyKey = $"{orderId}:authorize",
        OrderId = orderId,
        CustomerId = "cust-internal",
        Amount = new Money { AmountMinor = 950, Currency = "EUR" },
        PaymentMethodToken = "tok_visa",
    };

    private static AssignCourierRequest Assign(string orderId) => new()
    {
        IdempotencyKey = $"{orderId}:assign",
        OrderId = orderId,
        Pickup = new Address { Street = "Oranienstrasse 12", City = "Berlin", PostalCode = "10999", Country = "DE" },
        Dropoff = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
    };

    private static CreateOrderRequest Create(string orderId) => new()
    {
        IdempotencyKey = $"{orderId}:record",
        OrderId = orderId,
        CustomerId = "cust-internal",
        RestaurantId = Pizzeria,
        Lines = { new OrderLine { ItemId = "item-margherita", Quantity = 1, UnitPrice = new Money { AmountMinor = 950, Currency = "EUR" } } },
        DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
    };
}

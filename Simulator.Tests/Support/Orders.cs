using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Simulator.Tests.Support;

/// <summary>Places orders as a customer would and waits for their sagas to end (seed data: the pizzeria, tok_visa).</summary>
public static class Orders
{
    /// <summary>Generous: CI runs every test project at once on two cores.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static PlaceOrderRequest NewOrder(string customerId = "cust-ada") => new()
    {
        ClientRequestId = Guid.NewGuid().ToString("N"),
        CustomerId = customerId,
        RestaurantId = "rest-pizzeria",
        DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
        PaymentMethodToken = "tok_visa",
        Items = { new ItemQuantity { ItemId = "item-margherita", Quantity = 1 } },
    };

    /// <summary>The order id the Order API will give this request (so a test can plan or follow it before placing it).</summary>
    public static string IdOf(PlaceOrderRequest request) => WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);

    public static async Task<string> PlaceAsync(FoodDeliveryStack stack, PlaceOrderRequest request) =>
        (await stack.Ordering.PlaceOrderAsync(request)).OrderId;

    /// <summary>Waits (a long poll on the saga's result, not a sleep) until the saga ends; then the order's view.</summary>
    public static async Task<(OrderSagaResult Result, OrderView View)> EndAsync(FoodDeliveryStack stack, string orderId)
    {
        var result = await stack.Client
            .GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId))
            .GetResultAsync<OrderSagaResult>()
            .WaitAsync(Deadline);
        var view = await stack.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId });
        return (result, view);
    }

    public static async Task AuditIsCleanAsync(FoodDeliveryStack stack)
    {
        var report = await stack.AuditAsync();
        report.IsClean.Should().BeTrue(report.ToString());
    }
}

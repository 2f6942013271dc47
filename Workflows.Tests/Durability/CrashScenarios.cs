using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>What the crash scenarios share: the order they place, the saga deadlines, the activity names they watch.</summary>
public static class CrashScenarios
{
    public const string Restaurant = "rest-pizzeria";

    /// <summary>Activity type names as the worker registers them (method name without "Async").</summary>
    public const string ReserveItemsActivity = "ReserveItems";

    public const string AuthorizePaymentActivity = "AuthorizePayment";

    /// <summary>
    /// Real time, so deadlines are generous: nothing may time out because the machine is busy or the engine restarts.
    /// A single call is held at most 3 s by injected faults, well inside a 15 s attempt (and the 5 s gRPC deadline).
    /// </summary>
    public static SagaTimeouts Timeouts { get; } = SagaTimeouts.Default with
    {
        StepStartToClose = TimeSpan.FromSeconds(15),
        StepScheduleToClose = TimeSpan.FromMinutes(3),
        CompensationScheduleToClose = TimeSpan.FromMinutes(3),
    };

    /// <summary>How long an injected fault holds one service call.</summary>
    public static TimeSpan HeldCall { get; } = TimeSpan.FromSeconds(3);

    /// <summary>A fresh order at the pizzeria (2 margherita, 1 tiramisu), with its own customer so ids never collide.</summary>
    public static PlaceOrderRequest NewOrder()
    {
        var request = new PlaceOrderRequest
        {
            ClientRequestId = Guid.NewGuid().ToString("N"),
            CustomerId = "cust-durable",
            RestaurantId = Restaurant,
            DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
            PaymentMethodToken = "tok_visa",
        };
        request.Items.Add(new ItemQuantity { ItemId = "item-margherita", Quantity = 2 });
        request.Items.Add(new ItemQuantity { ItemId = "item-tiramisu", Quantity = 1 });
        return request;
    }

    /// <summary>The order id PlaceOrder will answer for the request (known before placing, to arm faults for its keys).</summary>
    public static string OrderIdOf(PlaceOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
    }

    public static string KeyOf(string orderId, string step) => WireNames.IdempotencyKey(orderId, step);
}

using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator;

namespace FoodDelivery.Cli.Demo;

/// <summary>
/// One story the demo tells: an order, how the simulated restaurant and courier treat it, what (if anything) goes
/// wrong on purpose, and the state its saga must end in.
/// </summary>
public sealed record DemoScenario(
    string Name,
    string CustomerId,
    string RestaurantId,
    IReadOnlyList<(string ItemId, int Quantity)> Items,
    string PaymentToken,
    SagaState Expected)
{
    /// <summary>How the simulator treats the order (planned before it is placed).</summary>
    public SimulatedBehaviour Behaviour { get; init; } = SimulatedBehaviour.Normal;

    public string? RejectionReason { get; init; }

    /// <summary>The customer cancels once the saga waits for the restaurant.</summary>
    public bool CustomerCancels { get; init; }

    /// <summary>Payment's authorize call fails with UNAVAILABLE this many times first (the engine retries it).</summary>
    public int PaymentFailuresFirst { get; init; }

    public static Address DeliveryAddress { get; } =
        new() { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" };

    /// <summary>Plans the simulator and arms the faults for this order, before it is placed.</summary>
    public void Prepare(FoodDeliveryStack stack, string orderId)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var simulator = stack.Simulator ?? throw new InvalidOperationException("the demo stack runs without its simulator");
        simulator.Plan(orderId, Behaviour, RejectionReason);
        if (PaymentFailuresFirst > 0)
        {
            stack.Faults("payment").FailFirstAttempts(WireNames.IdempotencyKey(orderId, SagaSteps.AuthorizePayment), PaymentFailuresFirst);
        }
    }

    public PlaceOrderRequest ToRequest(string clientRequestId)
    {
        var request = new PlaceOrderRequest
        {
            ClientRequestId = clientRequestId,
            CustomerId = CustomerId,
            RestaurantId = RestaurantId,
            DeliveryAddress = DeliveryAddress,
            PaymentMethodToken = PaymentToken,
        };
        request.Items.AddRange(Items.Select(i => new ItemQuantity { ItemId = i.ItemId, Quantity = i.Quantity }));
        return request;
    }
}

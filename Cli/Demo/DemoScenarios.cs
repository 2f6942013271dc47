using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator;

namespace FoodDelivery.Cli.Demo;

/// <summary>The six stories of the demo, on the services' seed data (Services/*/README.md).</summary>
public static class DemoScenarios
{
    public const string Pizzeria = "rest-pizzeria";
    public const string Sushi = "rest-sushi";
    public const string Visa = "tok_visa";

    public static IReadOnlyList<DemoScenario> All { get; } =
    [
        new("happy path", "cust-ada", Pizzeria, [("item-margherita", 2), ("item-tiramisu", 1)], Visa, SagaState.Delivered),

        // item-omakase has a single unit: two can never be reserved.
        new("out of stock", "cust-grace", Sushi, [("item-omakase", 2)], Visa, SagaState.Rejected),

        new("card declined", "cust-alan", Pizzeria, [("item-diavola", 1)], "tok_declined", SagaState.Rejected),

        new("restaurant rejects", "cust-barbara", Pizzeria, [("item-quattro-formaggi", 1)], Visa, SagaState.Rejected)
        {
            Behaviour = SimulatedBehaviour.RejectAtRestaurant,
            RejectionReason = "kitchen closed (demo)",
        },

        // The restaurant never answers, so the customer's cancellation finds the saga waiting for it.
        new("customer cancels", "cust-edsger", Sushi, [("item-salmon-nigiri", 2)], Visa, SagaState.Cancelled)
        {
            Behaviour = SimulatedBehaviour.StallAtRestaurant,
            CustomerCancels = true,
        },

        new("transient faults recovered", "cust-margaret", Pizzeria, [("item-margherita", 1)], Visa, SagaState.Delivered)
        {
            PaymentFailuresFirst = 2,
        },
    ];
}

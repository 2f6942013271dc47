using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Workflows.Tests.Support;

/// <summary>What a scenario needs from its environment: deadlines, couriers, and extra service settings.</summary>
public sealed record SagaEnvironmentOptions
{
    /// <summary>Deadlines of the sagas the Order API starts (Saga:* settings of the order service).</summary>
    public SagaTimeouts Timeouts { get; init; } = SagaTimeouts.Default with
    {
        // Short enough that a compensation failing for good reaches NeedsAttention quickly in virtual time.
        CompensationScheduleToClose = TimeSpan.FromMinutes(2),
    };

    /// <summary>How many couriers the delivery service seeds, and how many orders each can carry.</summary>
    public int CourierCount { get; init; } = 5;

    public int CourierCapacity { get; init; } = 2;

    /// <summary>Settings for one service by name ("order", "payment", "restaurant", "delivery").</summary>
    public IDictionary<string, IDictionary<string, string?>> ServiceSettings { get; init; } =
        new Dictionary<string, IDictionary<string, string?>>();
}

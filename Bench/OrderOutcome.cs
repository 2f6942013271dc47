using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Bench;

/// <summary>How one benchmark order went, with latencies from its (intended) start.</summary>
/// <param name="ToConfirmed">Until the order record was CONFIRMED (happy path only).</param>
/// <param name="ToEnd">Until the order ended (DELIVERED, or REJECTED for the refusals).</param>
/// <param name="Error">Set when the order failed outright (an exception, the order timeout): the run fails.</param>
public sealed record OrderOutcome(
    string OrderId,
    Scenario Scenario,
    SagaState? FinalState,
    string? Reason,
    TimeSpan? ToConfirmed,
    TimeSpan? ToEnd,
    string? Error)
{
    /// <summary>Ended where its scenario must end, with the expected rejection reason.</summary>
    public bool AsExpected =>
        Error is null
        && FinalState == ScenarioExpectations.FinalState(Scenario)
        && (ScenarioExpectations.RejectionReason(Scenario) is not { } reason
            || (Reason ?? string.Empty).StartsWith(reason, StringComparison.Ordinal));

    public static OrderOutcome Failed(string orderId, Scenario scenario, string error) =>
        new(orderId, scenario, null, null, null, null, error);

    public override string ToString() => Error is not null
        ? $"order {OrderId} ({Scenario}): {Error}"
        : $"order {OrderId} ({Scenario}): ended {FinalState} ({Reason ?? "no reason"}), expected {ScenarioExpectations.FinalState(Scenario)}";
}

/// <summary>Runs one order end to end, one way (the saga, or the direct calls).</summary>
public interface IOrderDriver
{
    /// <summary>"saga" or "baseline": the phase name and the order ids' namespace.</summary>
    string Name { get; }

    /// <param name="startedAt">Stopwatch timestamp latencies count from (in open loop: when the order was due).</param>
    Task<OrderOutcome> RunAsync(long n, Scenario scenario, long startedAt, CancellationToken cancellationToken);
}

namespace FoodDelivery.ServiceDefaults.FaultInjection;

/// <summary>
/// Faults a service injects into its own RPCs, for tests and demos. Bound from the "FaultInjection" section; off by
/// default, and the service refuses to start with it on in the Production environment.
/// </summary>
public sealed class FaultInjectionOptions
{
    public const string SectionName = "FaultInjection";

    public bool Enabled { get; set; }

    /// <summary>Extra latency added to every mutating call, in milliseconds.</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>Share of mutating calls (0 to 1) that fail with UNAVAILABLE before doing anything.</summary>
    public double TransientFailureRate { get; set; }

    /// <summary>Idempotency key -> how many first attempts with that key fail with UNAVAILABLE before doing anything.</summary>
    public Dictionary<string, int> FailFirstAttempts { get; set; } = [];
}

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

    /// <summary>Share of mutating calls (0 to 1) that run their effect, then answer only after <see cref="SlowResponseMilliseconds"/>.</summary>
    public double SlowResponseRate { get; set; }

    /// <summary>How late a slow response answers, in milliseconds (set it beyond the caller's timeout to force a retry).</summary>
    public int SlowResponseMilliseconds { get; set; }

    /// <summary>Seed of the random draws behind the rates; null: unseeded. A seed makes a fault sequence repeatable.</summary>
    public int? Seed { get; set; }

    /// <summary>Idempotency key -> how many first attempts with that key fail with UNAVAILABLE before doing anything.</summary>
    public Dictionary<string, int> FailFirstAttempts { get; set; } = [];
}

namespace FoodDelivery.Bench.Chaos;

/// <summary>The kinds of fault a chaos run injects.</summary>
public enum FaultKind
{
    /// <summary>A mutating call fails with UNAVAILABLE before any effect (rate-based, every service).</summary>
    TransientError,

    /// <summary>A mutating call runs its effect, then answers after the activity's start-to-close timeout (rate-based).</summary>
    SlowResponse,

    /// <summary>One service stopped, then started again on the same port and database.</summary>
    ServiceOutage,

    /// <summary>The saga worker's process killed with SIGKILL while it holds tasks, then a new process started.</summary>
    WorkerKill,

    /// <summary>The embedded DevServer stopped and started again on the same port and SQLite file.</summary>
    DevServerRestart,
}

/// <summary>One scheduled fault: what, against which part, once this share of the orders has ended.</summary>
public sealed record ScheduledFault(FaultKind Kind, string Target, double AtProgress);

/// <summary>
/// The faults of one run, all derived from the seed: which service goes down, when (as a share of orders ended, so
/// a fault lands mid-run whatever the machine's speed), and the seed of each service's rate-based fault draws.
/// </summary>
public sealed record FaultPlan(IReadOnlyList<ScheduledFault> Events, IReadOnlyDictionary<string, int> ServiceSeeds)
{
    public static readonly IReadOnlyList<string> ServiceNames = ["order", "payment", "restaurant", "delivery"];

    public static FaultPlan From(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var seeds = ServiceNames.ToDictionary(name => name, _ => random.Next());
        var events = new List<ScheduledFault>
        {
            new(FaultKind.ServiceOutage, ServiceNames[random.Next(ServiceNames.Count)], Between(random, 0.10, 0.30)),
        };

        // Kills spread over the middle of the run: the n-th in its own slice of 20%..80%.
        for (var kill = 0; kill < options.WorkerKills; kill++)
        {
            var slice = 0.6 / options.WorkerKills;
            events.Add(new(FaultKind.WorkerKill, "worker", Between(random, 0.2 + (kill * slice), 0.2 + ((kill + 1) * slice))));
        }

        if (options.Persist)
        {
            events.Add(new(FaultKind.DevServerRestart, "devserver", Between(random, 0.35, 0.65)));
        }

        return new FaultPlan([.. events.OrderBy(e => e.AtProgress)], seeds);
    }

    private static double Between(Random random, double from, double to) => Math.Round(from + (random.NextDouble() * (to - from)), 3);
}

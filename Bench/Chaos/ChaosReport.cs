namespace FoodDelivery.Bench.Chaos;

/// <summary>Everything a chaos run found; <see cref="Passed"/> when <see cref="Failures"/> is empty.</summary>
/// <param name="WorkerLog">Where the saga worker processes' output went.</param>
/// <param name="OutcomesByState">Orders by how they ended: Delivered, Rejected, Cancelled, NeedsAttention, or Stuck.</param>
/// <param name="EndsByScenario">"happy -> Delivered" and so on: where each kind of order ended.</param>
/// <param name="NeedsAttention">Orders parked for an operator, each with the saga's reason.</param>
/// <param name="Stuck">Orders that did not end by the order deadline (or failed outright), with why.</param>
/// <param name="Failures">What fails the run: every audit violation in full, every stuck order, every planned fault that did not happen.</param>
public sealed record ChaosReport(
    DateTime StartedAtUtc,
    MachineInfo Machine,
    int Seed,
    int Orders,
    int Clients,
    string Engine,
    string WorkerLog,
    ChaosFaultSettings FaultSettings,
    IReadOnlyList<ScheduledFault> Planned,
    IReadOnlyList<InjectedFault> Injected,
    IReadOnlyDictionary<string, long> FaultsByKind,
    IReadOnlyDictionary<string, int> OutcomesByState,
    IReadOnlyDictionary<string, int> EndsByScenario,
    IReadOnlyList<string> NeedsAttention,
    IReadOnlyList<string> Stuck,
    long ActivityRetries,
    IReadOnlyDictionary<string, long> RetriesByActivity,
    long PlaceOrderRetries,
    long Compensations,
    IReadOnlyDictionary<string, long> CompensationsByStep,
    double WallTimeSeconds,
    double OrdersPerSecond,
    ChaosAudit Audit,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>The worker kills that happened, each with its processes and what the killed one held.</summary>
    public IReadOnlyList<WorkerKill> WorkerKills => [.. Injected.Select(f => f.WorkerKill).OfType<WorkerKill>()];
}

/// <summary>The fault rates and timings the run used.</summary>
public sealed record ChaosFaultSettings(
    double TransientErrorRate,
    double SlowResponseRate,
    double SlowResponseSeconds,
    double ActivityStartToCloseSeconds,
    double OutageSeconds,
    int WorkerKills,
    bool DevServerPersisted);

/// <summary>The consistency audit after the run, with every violation in full.</summary>
public sealed record ChaosAudit(bool Clean, int OrdersChecked, IReadOnlyList<string> InFlight, IReadOnlyList<string> Violations);

using System.Globalization;

namespace FoodDelivery.Bench;

/// <summary>Everything one run measured; written as report.json and report.md.</summary>
public sealed record BenchReport(
    DateTime StartedAtUtc,
    MachineInfo Machine,
    string Engine,
    string Load,
    string Mix,
    int OrdersPerPhase,
    int WarmupOrders,
    PhaseReport Saga,
    PhaseReport? Baseline,
    RatioReport? SagaVersusBaseline,
    ProcessReport Process,
    AuditSummary Audit,
    IReadOnlyList<TargetCheck> Targets,
    IReadOnlyList<string> Failures)
{
    /// <summary>Consistent and every order ended as its scenario says; targets are reported, not judged here.</summary>
    public bool Passed => Failures.Count == 0;
}

/// <param name="LoadAverageBefore">1-minute load average when the run started (other work on the machine skews figures).</param>
public sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, double? LoadAverageBefore, double? LoadAverageAfter);

/// <param name="ThroughputPerSecond">Orders ended per second of the phase's wall time.</param>
/// <param name="CpuMsPerOrder">Process CPU time (all threads: engine, worker, services, simulator) per order.</param>
/// <param name="Confirmed">PlaceOrder to CONFIRMED, happy-path orders.</param>
/// <param name="Delivered">PlaceOrder to DELIVERED, happy-path orders.</param>
/// <param name="Rejected">PlaceOrder to REJECTED, refused orders (declined, out of stock).</param>
public sealed record PhaseReport(
    string Name,
    int Orders,
    int AsExpected,
    int Failed,
    double WallSeconds,
    double ThroughputPerSecond,
    double CpuSeconds,
    double CpuMsPerOrder,
    LatencySummary? Confirmed,
    LatencySummary? Delivered,
    LatencySummary? Rejected,
    IReadOnlyDictionary<string, int> EndsByScenario)
{
    public static PhaseReport From(PhaseResult phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var outcomes = phase.Outcomes;
        var happy = outcomes.Where(o => o.Scenario == Scenario.Happy && o.AsExpected).ToList();
        var refused = outcomes.Where(o => o.Scenario != Scenario.Happy && o.AsExpected).ToList();
        var ended = outcomes.Count(o => o.Error is null);
        var seconds = phase.Elapsed.TotalSeconds;
        return new PhaseReport(
            phase.Name,
            outcomes.Count,
            outcomes.Count(o => o.AsExpected),
            outcomes.Count(o => !o.AsExpected),
            Math.Round(seconds, 2),
            Math.Round(ended / seconds, 1),
            Math.Round(phase.CpuTime.TotalSeconds, 2),
            outcomes.Count == 0 ? 0 : Math.Round(phase.CpuTime.TotalMilliseconds / outcomes.Count, 2),
            LatencySummary.Of(happy.Select(o => o.ToConfirmed!.Value)),
            LatencySummary.Of(happy.Select(o => o.ToEnd!.Value)),
            LatencySummary.Of(refused.Select(o => o.ToEnd!.Value)),
            outcomes
                .GroupBy(o => $"{ScenarioMix.Name(o.Scenario)} -> {(o.Error is null ? o.FinalState.ToString() : "FAILED")}")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()));
    }
}

/// <summary>Saga divided by baseline: throughput (higher is better for the saga) and latencies (the saga's overhead).</summary>
public sealed record RatioReport(double Throughput, double? ConfirmedP50, double? DeliveredP50, double CpuPerOrder)
{
    public static RatioReport From(PhaseReport saga, PhaseReport baseline)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(baseline);
        static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? Math.Round(x / y, 2) : null;
        return new RatioReport(
            Ratio(saga.ThroughputPerSecond, baseline.ThroughputPerSecond) ?? 0,
            Ratio(saga.Confirmed?.P50, baseline.Confirmed?.P50),
            Ratio(saga.Delivered?.P50, baseline.Delivered?.P50),
            Ratio(saga.CpuMsPerOrder, baseline.CpuMsPerOrder) ?? 0);
    }
}

/// <param name="CpuSeconds">Process CPU time over the whole run (start-up, warm-up, both phases, audit).</param>
public sealed record ProcessReport(double CpuSeconds, double PeakRssMb, double RssMbAtEnd, int SagasRun);

/// <param name="InFlight">Orders not ended when the audit ran (PENDING, NEEDS_ATTENTION): must be zero after a run.</param>
public sealed record AuditSummary(bool Clean, int OrdersChecked, int InFlight, IReadOnlyList<string> Violations);

/// <summary>One of the issue's targets, and whether this run met it (null: this run's load does not test it).</summary>
public sealed record TargetCheck(string Target, string Measured, bool? Met)
{
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

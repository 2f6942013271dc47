using static FoodDelivery.Bench.TargetCheck;

namespace FoodDelivery.Bench;

/// <summary>The targets against this run's figures. A target the run's load does not exercise is "not tested".</summary>
public static class TargetChecks
{
    public static IReadOnlyList<TargetCheck> Evaluate(
        BenchOptions options, PhaseReport saga, PhaseReport? baseline, ProcessReport process)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(process);
        var closed = options.Mode == LoadMode.Closed;
        var checks = new List<TargetCheck>
        {
            new(">= 100 sagas/s sustained (closed loop)", $"{Number(saga.ThroughputPerSecond)} sagas/s", closed ? saga.ThroughputPerSecond >= 100 : null),
        };

        var atFifty = options.Mode == LoadMode.Open && options.Rate >= 50;
        checks.Add(new(
            "at 50 sagas/s offered: CONFIRMED p50 <= 40 ms, p99 <= 150 ms",
            saga.Confirmed is { } c ? $"p50 {Number(c.P50)} ms, p99 {Number(c.P99)} ms ({options.DescribeLoad()})" : "no confirmed orders",
            atFifty ? saga.Confirmed is { P50: <= 40, P99: <= 150 } : null));

        if (baseline is not null)
        {
            var ratio = baseline.ThroughputPerSecond > 0 ? saga.ThroughputPerSecond / baseline.ThroughputPerSecond : 0;
            checks.Add(new(
                "saga throughput >= 1/3 of the baseline's (closed loop)",
                $"{Number(saga.ThroughputPerSecond)} / {Number(baseline.ThroughputPerSecond)} = {ratio:0.00}",
                closed ? ratio >= 1.0 / 3 : null));
        }

        checks.Add(new(
            "RSS <= 500 MB after 10,000 sagas",
            $"{Number(process.RssMbAtEnd)} MB at the end (peak {Number(process.PeakRssMb)} MB) after {process.SagasRun} sagas",
            process.SagasRun >= 10_000 ? process.RssMbAtEnd <= 500 : null));
        return checks;
    }
}

namespace FoodDelivery.Bench;

/// <summary>Percentiles of a set of latencies, in milliseconds (nearest-rank: p99 is a latency that was observed).</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    public static LatencySummary? Of(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Round(Rank(0.50)), Round(Rank(0.90)), Round(Rank(0.99)), Round(sorted[^1]));
    }

    private static double Round(double value) => Math.Round(value, 1);
}

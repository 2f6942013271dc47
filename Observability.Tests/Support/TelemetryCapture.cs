using System.Diagnostics;
using FoodDelivery.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FoodDelivery.Observability.Tests.Support;

/// <summary>
/// One tracer and one meter provider for the whole test process, listening exactly as every FoodDelivery process does
/// (<see cref="TelemetryRegistration.AddFoodDeliveryInstrumentation(TracerProviderBuilder)"/>), exporting to memory.
/// Spans of every test land here: read them by trace id.
/// </summary>
public static class TelemetryCapture
{
    /// <summary>The source of the tests' own root spans.</summary>
    public static readonly ActivitySource Tests = new("FoodDelivery.Observability.Tests");

    private static readonly List<Activity> Spans = [];
    private static readonly List<MetricSnapshot> Metrics = [];
    private static readonly Lazy<(TracerProvider Tracer, MeterProvider Meter)> Providers = new(() =>
    (
        Sdk.CreateTracerProviderBuilder()
            .AddSource(Tests.Name)
            .AddFoodDeliveryInstrumentation()
            .AddInMemoryExporter(Spans)
            .Build(),
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(TelemetryNames.SagaMeter)
            .AddInMemoryExporter(Metrics)
            .Build()
    ));

    /// <summary>Starts listening (idempotent); call before the system under test starts.</summary>
    public static void Start() => _ = Providers.Value;

    public static IReadOnlyList<Activity> SpansOf(ActivityTraceId traceId)
    {
        lock (Spans)
        {
            return [.. Spans.Where(s => s.TraceId == traceId)];
        }
    }

    /// <summary>Polls until <paramref name="complete"/> holds for the trace's finished spans (spans end asynchronously).</summary>
    public static async Task<IReadOnlyList<Activity>> WaitForSpansAsync(
        ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> complete, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var spans = SpansOf(traceId);
            if (complete(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The current cumulative value of a counter (or a histogram's count), summed over points matching the tags.</summary>
    public static double Total(string metricName, params (string Key, object Value)[] tags)
    {
        lock (Metrics)
        {
            Metrics.Clear();
            Providers.Value.Meter.ForceFlush();
            var total = 0.0;
            foreach (var metric in Metrics.Where(m => m.Name == metricName))
            {
                foreach (var point in metric.MetricPoints)
                {
                    if (!tags.All(t => HasTag(point, t.Key, t.Value)))
                    {
                        continue;
                    }

                    total += metric.MetricType switch
                    {
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                        MetricType.Histogram => point.GetHistogramCount(),
                        _ => 0,
                    };
                }
            }

            return total;
        }
    }

    /// <summary>Polls until the metric's total satisfies <paramref name="reached"/>; returns the last total seen.</summary>
    public static async Task<double> WaitForTotalAsync(
        Func<double, bool> reached, string metricName, params (string Key, object Value)[] tags)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var total = Total(metricName, tags);
            if (reached(total) || DateTime.UtcNow > deadline)
            {
                return total;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static bool HasTag(MetricPoint point, string key, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }
}

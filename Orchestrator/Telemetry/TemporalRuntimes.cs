using System.Collections.Concurrent;
using Temporalio.Runtime;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>
/// The Temporal runtime (the SDK's native core) with metrics exported as configured. A runtime is meant to live as
/// long as the process (and a Prometheus endpoint can be bound only once), so one is made per distinct setting and
/// reused; null means the SDK's default runtime.
/// </summary>
public static class TemporalRuntimes
{
    private static readonly ConcurrentDictionary<string, Lazy<TemporalRuntime>> Runtimes = new(StringComparer.Ordinal);

    public static TemporalRuntime? For(TemporalRuntimeMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Metrics == TemporalMetricsExporter.None)
        {
            return null;
        }

        var key = string.Join(
            '|', options.Metrics, options.OtlpEndpoint, options.OtlpOverHttp, options.PrometheusAddress, string.Join(',', options.OtlpHeaders));
        return Runtimes.GetOrAdd(key, _ => new Lazy<TemporalRuntime>(() => Create(options))).Value;
    }

    private static TemporalRuntime Create(TemporalRuntimeMetricsOptions options)
    {
        var metrics = options.Metrics switch
        {
            TemporalMetricsExporter.Otlp => new MetricsOptions(new OpenTelemetryOptions(options.OtlpEndpoint!)
            {
                Headers = options.OtlpHeaders,
                Protocol = options.OtlpOverHttp ? OpenTelemetryProtocol.Http : OpenTelemetryProtocol.Grpc,
            }),
            TemporalMetricsExporter.Prometheus => new MetricsOptions(new PrometheusOptions(options.PrometheusAddress)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Metrics, "no exporter"),
        };
        return new TemporalRuntime(new TemporalRuntimeOptions(new TelemetryOptions { Metrics = metrics }));
    }
}

using Microsoft.Extensions.Configuration;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>Where the Temporal SDK's own runtime metrics go (worker task slots, poll and schedule latencies, ...).</summary>
public enum TemporalMetricsExporter
{
    None,

    /// <summary>OTLP/gRPC push to <see cref="TemporalRuntimeMetricsOptions.OtlpEndpoint"/>.</summary>
    Otlp,

    /// <summary>A Prometheus scrape endpoint on <see cref="TemporalRuntimeMetricsOptions.PrometheusAddress"/>.</summary>
    Prometheus,
}

/// <summary>
/// "Telemetry:Temporal" settings. Off unless asked for: the SDK's native core exports on its own (not through the
/// process's OpenTelemetry pipeline), so a collector must accept it, or Prometheus must be scraped.
/// </summary>
public sealed record TemporalRuntimeMetricsOptions
{
    public const string SectionName = "Telemetry:Temporal";

    /// <summary>Telemetry:Temporal:Metrics = None | Otlp | Prometheus.</summary>
    public TemporalMetricsExporter Metrics { get; init; }

    /// <summary>OTEL_EXPORTER_OTLP_ENDPOINT, or Telemetry:Temporal:OtlpEndpoint.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>OTEL_EXPORTER_OTLP_HEADERS ("key=value,key2=value2"), e.g. the Aspire dashboard's API key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtlpHeaders { get; init; } = [];

    /// <summary>OTEL_EXPORTER_OTLP_PROTOCOL = grpc (default) or http/protobuf.</summary>
    public bool OtlpOverHttp { get; init; }

    /// <summary>Telemetry:Temporal:PrometheusAddress: host:port to serve /metrics on.</summary>
    public string PrometheusAddress { get; init; } = "127.0.0.1:9464";

    public static TemporalRuntimeMetricsOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var endpointText = section["OtlpEndpoint"] is { Length: > 0 } own ? own : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(endpointText) && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"the OTLP endpoint for Temporal metrics is not an absolute URI: '{endpointText}'");
        }

        var exporterText = section["Metrics"];
        var exporter = TemporalMetricsExporter.None;
        if (!string.IsNullOrWhiteSpace(exporterText)
            && (!Enum.TryParse(exporterText, ignoreCase: true, out exporter) || !Enum.IsDefined(exporter)))
        {
            throw new InvalidOperationException($"{SectionName}:Metrics must be None, Otlp or Prometheus, not '{exporterText}'");
        }

        if (exporter == TemporalMetricsExporter.Otlp && endpoint is null)
        {
            throw new InvalidOperationException($"{SectionName}:Metrics=Otlp needs OTEL_EXPORTER_OTLP_ENDPOINT (or {SectionName}:OtlpEndpoint)");
        }

        return new TemporalRuntimeMetricsOptions
        {
            Metrics = exporter,
            OtlpEndpoint = endpoint,
            OtlpHeaders = ParseHeaders(configuration["OTEL_EXPORTER_OTLP_HEADERS"]),
            OtlpOverHttp = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] is { } protocol
                && protocol.StartsWith("http", StringComparison.OrdinalIgnoreCase),
            PrometheusAddress = section["PrometheusAddress"] is { Length: > 0 } address ? address : "127.0.0.1:9464",
        };
    }

    /// <summary>The OTLP convention: comma-separated key=value pairs, values URL-encoded.</summary>
    private static List<KeyValuePair<string, string>> ParseHeaders(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
                .Where(parts => parts.Length == 2 && parts[0].Length > 0)
                .Select(parts => new KeyValuePair<string, string>(parts[0], Uri.UnescapeDataString(parts[1])))];
}

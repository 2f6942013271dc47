using Microsoft.Extensions.Configuration;

namespace FoodDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// Where a process sends its traces, metrics and logs. The OpenTelemetry conventions come first
/// (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, as the Aspire AppHost sets them), then the "Telemetry" section.
/// With neither an OTLP endpoint nor the console exporter, no OpenTelemetry pipeline is installed at all.
/// </summary>
public sealed record TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://localhost:4317: export all three signals over OTLP.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Telemetry:Console = true: also write spans, metrics and log records to standard output.</summary>
    public bool Console { get; init; }

    /// <summary>OTEL_SERVICE_NAME, else the service's own short name ("order", "orchestrator", ...).</summary>
    public required string ServiceName { get; init; }

    /// <summary>True when at least one exporter is configured, so the pipeline is worth building.</summary>
    public bool IsEnabled => OtlpEndpoint is not null || Console;

    public static TelemetryOptions From(IConfiguration configuration, string defaultServiceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint, UriKind.Absolute, out otlp))
        {
            throw new InvalidOperationException($"OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute URI: '{endpoint}'");
        }

        var console = configuration.GetValue($"{SectionName}:Console", defaultValue: false);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : defaultServiceName;
        return new TelemetryOptions { OtlpEndpoint = otlp, Console = console, ServiceName = serviceName };
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FoodDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// The OpenTelemetry setup every FoodDelivery process shares (the four services, the saga worker): traces, metrics
/// and logs, the same instrumentation everywhere, one resource named after the process.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>
    /// Logs carry the trace and span ids of the current span (console included). When an exporter is configured
    /// (<see cref="TelemetryOptions"/>), also installs the OpenTelemetry pipeline: traces, metrics and logs over OTLP
    /// and/or the console, with sensitive log data redacted.
    /// </summary>
    public static TelemetryOptions AddFoodDeliveryTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = TelemetryOptions.From(builder.Configuration, serviceName);
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!options.IsEnabled)
        {
            return options;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            logging.ParseStateValues = true;
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddFoodDeliveryInstrumentation();
                if (options.OtlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter();
                }

                if (options.Console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddFoodDeliveryInstrumentation();
                if (options.OtlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter();
                }

                if (options.Console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithLogging(logging =>
            {
                // Redaction runs first, so no exporter ever sees the unredacted record.
                logging.AddProcessor(new RedactingLogProcessor());
                if (options.OtlpEndpoint is not null)
                {
                    logging.AddOtlpExporter();
                }

                if (options.Console)
                {
                    logging.AddConsoleExporter();
                }
            });
        return options;
    }

    /// <summary>
    /// What every tracer listens to: gRPC server calls (ASP.NET Core), gRPC client calls, EF Core commands and the
    /// Temporal spans of <see cref="TelemetryNames"/>. Tests build their own provider with this and an in-memory exporter.
    /// </summary>
    public static TracerProviderBuilder AddFoodDeliveryInstrumentation(this TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing
            .AddAspNetCoreInstrumentation(aspNetCore =>
            {
                // Health probes every few seconds would drown the saga's spans.
                aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
                aspNetCore.RecordException = true;
            })
            .AddGrpcClientInstrumentation()
            .AddEntityFrameworkCoreInstrumentation()
            .AddSource([.. TelemetryNames.ActivitySources]);
    }

    /// <summary>What every meter provider listens to: ASP.NET Core and Kestrel, HttpClient, the runtime, the saga meter.</summary>
    public static MeterProviderBuilder AddFoodDeliveryInstrumentation(this MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("System.Net.Http")
            .AddMeter([.. TelemetryNames.Meters]);
    }
}

using System.Diagnostics;
using FoodDelivery.ServiceDefaults.Telemetry;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>The activity sources the tracing interceptors start their spans on (names in <see cref="TelemetryNames"/>).</summary>
internal static class TracingSources
{
    public static readonly ActivitySource Client = new(TelemetryNames.TemporalClientSource);

    public static readonly ActivitySource Workflow = new(TelemetryNames.TemporalWorkflowSource);

    public static readonly ActivitySource Activity = new(TelemetryNames.TemporalActivitySource);
}

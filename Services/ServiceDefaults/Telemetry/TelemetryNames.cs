namespace FoodDelivery.ServiceDefaults.Telemetry;

/// <summary>
/// The names of this system's own activity sources and meters, in one place: the processes that emit and the
/// providers that listen (every host, the tests) must agree on them.
/// </summary>
public static class TelemetryNames
{
    /// <summary>Client spans of the Temporal client: StartWorkflow, SignalWorkflow, QueryWorkflow, UpdateWorkflow.</summary>
    public const string TemporalClientSource = "FoodDelivery.Temporal.Client";

    /// <summary>Spans made inside workflows: RunWorkflow, HandleSignal, HandleQuery, ValidateUpdate, HandleUpdate, StartActivity.</summary>
    public const string TemporalWorkflowSource = "FoodDelivery.Temporal.Workflow";

    /// <summary>RunActivity spans: one per activity attempt.</summary>
    public const string TemporalActivitySource = "FoodDelivery.Temporal.Activity";

    /// <summary>The saga's business metrics (orders placed, confirmed, ..., compensations, duration, NEEDS_ATTENTION).</summary>
    public const string SagaMeter = "FoodDelivery.Saga";

    /// <summary>Every source above, for a tracer provider to listen to.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        [TemporalClientSource, TemporalWorkflowSource, TemporalActivitySource];

    /// <summary>Every meter above, for a meter provider to listen to.</summary>
    public static IReadOnlyList<string> Meters { get; } = [SagaMeter];
}

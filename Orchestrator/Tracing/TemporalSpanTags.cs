namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>Tag names on Temporal spans; the same names Temporal's own interceptors use, so dashboards work for both.</summary>
public static class TemporalSpanTags
{
    public const string WorkflowId = "temporalWorkflowID";
    public const string RunId = "temporalRunID";
    public const string ActivityId = "temporalActivityID";
    public const string UpdateId = "temporalUpdateID";
    public const string Attempt = "temporalActivityAttempt";
}

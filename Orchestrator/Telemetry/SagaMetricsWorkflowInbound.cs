using System.Diagnostics;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>Orders placed when a saga starts; delivered / cancelled / rejected and the duration when it ends.</summary>
internal sealed class SagaMetricsWorkflowInbound(WorkflowInboundInterceptor next) : WorkflowInboundInterceptor(next)
{
    public override void Init(WorkflowOutboundInterceptor outbound) =>
        base.Init(new SagaMetricsWorkflowOutbound(outbound));

    public override async Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
    {
        if (!Workflow.Unsafe.IsReplaying)
        {
            SagaMetrics.Placed.Add(1);
        }

        try
        {
            var result = await base.ExecuteWorkflowAsync(input);
            if (!Workflow.Unsafe.IsReplaying && result is OrderSagaResult saga)
            {
                RecordOutcome(saga);
            }

            return result;
        }
        finally
        {
            NeedsAttentionTracker.Leave(Workflow.Info.RunId);
        }
    }

    private static void RecordOutcome(OrderSagaResult result)
    {
        switch (result.FinalState)
        {
            case SagaState.Delivered:
                SagaMetrics.Delivered.Add(1);
                break;
            case SagaState.Cancelled:
                SagaMetrics.Cancelled.Add(1);
                break;
            case SagaState.Rejected:
                SagaMetrics.Rejected.Add(1, new KeyValuePair<string, object?>(SagaMetrics.ReasonTag, ReasonCode(result.Reason)));
                break;
        }

        var duration = Workflow.UtcNow - Workflow.Info.StartTime;
        SagaMetrics.Duration.Record(
            duration.TotalSeconds, new TagList { { SagaMetrics.OutcomeTag, result.FinalState.ToString() } });
    }

    /// <summary>"OUT_OF_STOCK: restaurant: ..." -> "OUT_OF_STOCK": the stable code only, never free text (cardinality, privacy).</summary>
    internal static string ReasonCode(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "UNKNOWN";
        }

        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var code = (colon < 0 ? reason : reason[..colon]).Trim();
        return code.Length > 0 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') ? code : "OTHER";
    }
}

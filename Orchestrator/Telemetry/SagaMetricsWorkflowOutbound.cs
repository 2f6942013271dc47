using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Activities;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>
/// From the activities the saga schedules: orders confirmed (the CONFIRMED transition succeeded), compensations run
/// by step (an undo activity succeeded), and entering / leaving NEEDS_ATTENTION.
/// </summary>
internal sealed class SagaMetricsWorkflowOutbound(WorkflowOutboundInterceptor next) : WorkflowOutboundInterceptor(next)
{
    // Activity type names (the method names without "Async") of the undo steps, and the step names they report.
    private static readonly Dictionary<string, string> CompensationSteps = new(StringComparer.Ordinal)
    {
        ["ReleaseItems"] = SagaSteps.ReleaseItems,
        ["VoidOrRefund"] = SagaSteps.VoidOrRefund,
        ["CancelAssignment"] = SagaSteps.CancelCourier,
    };

    public override async Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input)
    {
        var transition = input.Args.OfType<TransitionOrderInput>().FirstOrDefault();
        var runId = Workflow.Info.RunId;
        if (transition?.To == OrderStatus.NeedsAttention)
        {
            NeedsAttentionTracker.Enter(runId);
        }
        else
        {
            // Any other step means the operator answered (retry or resolve): the order is no longer parked.
            NeedsAttentionTracker.Leave(runId);
        }

        var result = await base.ScheduleActivityAsync<TResult>(input);
        if (Workflow.Unsafe.IsReplaying)
        {
            return result;
        }

        if (transition?.To == OrderStatus.Confirmed)
        {
            SagaMetrics.Confirmed.Add(1);
        }
        else if (CompensationSteps.TryGetValue(input.Activity, out var step))
        {
            var undid = (result as CompensationResult)?.Undid ?? true;
            SagaMetrics.Compensations.Add(
                1, new KeyValuePair<string, object?>(SagaMetrics.StepTag, step), new KeyValuePair<string, object?>(SagaMetrics.UndidTag, undid));
        }

        return result;
    }
}

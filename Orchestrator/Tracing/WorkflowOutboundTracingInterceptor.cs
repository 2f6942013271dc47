using System.Diagnostics;
using Temporalio.Api.Common.V1;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// Worker side, what a workflow asks for: a StartActivity span per scheduled activity (not on replay), whose context
/// goes into the activity's <see cref="TracingHeader"/>, so each attempt's RunActivity span is its child.
/// </summary>
internal sealed class WorkflowOutboundTracingInterceptor(WorkflowOutboundInterceptor next) : WorkflowOutboundInterceptor(next)
{
    public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input)
    {
        using var span = StartActivitySpan(input.Activity);
        return base.ScheduleActivityAsync<TResult>(input with { Headers = WithContext(input.Headers, span) });
    }

    public override Task<TResult> ScheduleLocalActivityAsync<TResult>(ScheduleLocalActivityInput input)
    {
        using var span = StartActivitySpan(input.Activity);
        return base.ScheduleLocalActivityAsync<TResult>(input with { Headers = WithContext(input.Headers, span) });
    }

    /// <summary>No trace, no header: histories of untraced sagas stay as they were.</summary>
    private static IDictionary<string, Payload>? WithContext(IDictionary<string, Payload>? headers, WorkflowSpan span) =>
        span.Context == default ? headers : TracingHeader.Write(headers, span.Context);

    private static WorkflowSpan StartActivitySpan(string activity) => WorkflowSpan.Record(
        $"StartActivity:{activity}",
        ActivityKind.Client,
        [new(TemporalSpanTags.WorkflowId, Workflow.Info.WorkflowId), new(TemporalSpanTags.RunId, Workflow.Info.RunId)]);
}

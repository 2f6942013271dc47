using System.Diagnostics;
using OpenTelemetry;
using Temporalio.Activities;
using Temporalio.Worker.Interceptors;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// Worker side, activities: one RunActivity span per attempt, child of the workflow's StartActivity span (from the
/// header), current while the activity runs so its gRPC calls and the services behind them join the trace.
/// A failed attempt records the exception and an error status.
/// </summary>
internal sealed class ActivityTracingInterceptor(ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
{
    public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
    {
        var remote = TracingHeader.Read(input.Headers);
        var previousBaggage = Baggage.Current;
        if (remote is { } context)
        {
            Baggage.Current = context.Baggage;
        }

        var info = ActivityExecutionContext.Current.Info;
        var tags = new KeyValuePair<string, object?>[]
        {
            new(TemporalSpanTags.WorkflowId, info.WorkflowId),
            new(TemporalSpanTags.RunId, info.WorkflowRunId),
            new(TemporalSpanTags.ActivityId, info.ActivityId),
            new(TemporalSpanTags.Attempt, info.Attempt),
        };
        try
        {
            using var span = TracingSources.Activity.StartActivity(
                $"RunActivity:{input.Activity.Name}", ActivityKind.Server, remote?.ActivityContext ?? default, tags);
            try
            {
                return await base.ExecuteActivityAsync(input);
            }
            catch (Exception ex)
            {
                SpanFailure.Record(span, ex);
                throw;
            }
        }
        finally
        {
            Baggage.Current = previousBaggage;
        }
    }
}

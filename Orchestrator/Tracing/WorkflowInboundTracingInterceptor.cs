using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using Temporalio.Api.Common.V1;
using Temporalio.Exceptions;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// Worker side, workflows: RunWorkflow when a run starts, HandleSignal / HandleQuery / ValidateUpdate / HandleUpdate
/// for each message, all under the context the workflow was started with (the StartWorkflow client span), with a
/// link to the sender's span. Emitted only when not replaying (queries excepted: they never replay), so a worker
/// restart adds no duplicates. A failure adds a CompleteWorkflow / WorkflowTaskFailure span with the exception.
/// </summary>
internal sealed class WorkflowInboundTracingInterceptor(WorkflowInboundInterceptor next) : WorkflowInboundInterceptor(next)
{
    public override void Init(WorkflowOutboundInterceptor outbound) =>
        base.Init(new WorkflowOutboundTracingInterceptor(outbound));

    public override async Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
    {
        using var caller = AttachStarter();
        using var run = WorkflowSpan.Record($"RunWorkflow:{Workflow.Info.WorkflowType}", ActivityKind.Server, WorkflowTags());
        try
        {
            return await base.ExecuteWorkflowAsync(input);
        }
        catch (Exception ex)
        {
            RecordFailure(Workflow.Info.WorkflowType, ex);
            throw;
        }
    }

    public override async Task HandleSignalAsync(HandleSignalInput input)
    {
        using var caller = AttachStarter();
        using var span = WorkflowSpan.Record(
            $"HandleSignal:{input.Signal}", ActivityKind.Server, WorkflowTags(), LinkTo(input.Headers));
        await base.HandleSignalAsync(input);
    }

    public override object? HandleQuery(HandleQueryInput input)
    {
        using var caller = AttachStarter();
        var name = $"HandleQuery:{input.Query}";
        try
        {
            var answer = base.HandleQuery(input);
            WorkflowSpan.Record(name, ActivityKind.Server, WorkflowTags(), LinkTo(input.Headers), evenOnReplay: true).Dispose();
            return answer;
        }
        catch (Exception ex)
        {
            WorkflowSpan.Record(
                name, ActivityKind.Server, WorkflowTags(), LinkTo(input.Headers), evenOnReplay: true, beforeStop: s => SpanFailure.Record(s, ex))
                .Dispose();
            throw;
        }
    }

    public override void ValidateUpdate(HandleUpdateInput input)
    {
        using var caller = AttachStarter();
        var tags = WorkflowTags(input.Id);
        try
        {
            base.ValidateUpdate(input);
            WorkflowSpan.Record($"ValidateUpdate:{input.Update}", ActivityKind.Server, tags, LinkTo(input.Headers)).Dispose();
        }
        catch (Exception ex)
        {
            // A refused update is a normal answer to the caller, but the span says why.
            WorkflowSpan.Record(
                $"ValidateUpdate:{input.Update}", ActivityKind.Server, tags, LinkTo(input.Headers), beforeStop: s => SpanFailure.Record(s, ex))
                .Dispose();
            throw;
        }
    }

    public override async Task<object?> HandleUpdateAsync(HandleUpdateInput input)
    {
        using var caller = AttachStarter();
        using var span = WorkflowSpan.Record(
            $"HandleUpdate:{input.Update}", ActivityKind.Server, WorkflowTags(input.Id), LinkTo(input.Headers));
        try
        {
            return await base.HandleUpdateAsync(input);
        }
        catch (Exception ex)
        {
            RecordFailure($"Update:{input.Update}", ex, prefix: ex is FailureException or OperationCanceledException ? "CompleteUpdate" : null);
            throw;
        }
    }

    /// <summary>The starter's context (from the start headers) as parent; its baggage as the workflow's baggage.</summary>
    private static WorkflowSpan? AttachStarter()
    {
        if (TracingHeader.Read(Workflow.Info.Headers) is not PropagationContext starter)
        {
            return null;
        }

        Baggage.Current = starter.Baggage;
        return WorkflowSpan.Attach(starter.ActivityContext);
    }

    private static List<KeyValuePair<string, object?>> WorkflowTags(string? updateId = null)
    {
        var tags = new List<KeyValuePair<string, object?>>
        {
            new(TemporalSpanTags.WorkflowId, Workflow.Info.WorkflowId),
            new(TemporalSpanTags.RunId, Workflow.Info.RunId),
        };
        if (updateId is not null)
        {
            tags.Add(new(TemporalSpanTags.UpdateId, updateId));
        }

        return tags;
    }

    private static ActivityLink[]? LinkTo(IReadOnlyDictionary<string, Payload>? headers) =>
        TracingHeader.Read(headers) is { } sender ? [new ActivityLink(sender.ActivityContext)] : null;

    /// <summary>
    /// A run or update that ends in a failure gets a Complete* span; an exception that is not a Temporal failure fails
    /// the workflow task instead (it will be retried), which gets a WorkflowTaskFailure span.
    /// </summary>
    private static void RecordFailure(string what, Exception ex, string? prefix = null)
    {
        if (ex is ContinueAsNewException)
        {
            return;
        }

        prefix ??= ex is FailureException or OperationCanceledException ? "CompleteWorkflow" : "WorkflowTaskFailure";
        WorkflowSpan.Record($"{prefix}:{what}", ActivityKind.Internal, WorkflowTags(), beforeStop: s => SpanFailure.Record(s, ex)).Dispose();
    }
}

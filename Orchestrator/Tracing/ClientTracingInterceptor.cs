using System.Diagnostics;
using OpenTelemetry;
using Temporalio.Api.Common.V1;
using Temporalio.Client;
using Temporalio.Client.Interceptors;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// Client side: one span per start, signal, query and update, child of whatever span is current (e.g. the gRPC
/// server span of PlaceOrder), and its context written into the request's <see cref="TracingHeader"/>.
/// </summary>
internal sealed class ClientTracingInterceptor(ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
{
    public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
    {
        var name = input.Options.StartSignal is null ? "StartWorkflow" : "SignalWithStartWorkflow";
        using var span = Start($"{name}:{input.Workflow}", input.Options.Id, updateId: null);
        try
        {
            return await base.StartWorkflowAsync<TWorkflow, TResult>(input with { Headers = WithContext(input.Headers, span) });
        }
        catch (Exception ex)
        {
            SpanFailure.Record(span, ex);
            throw;
        }
    }

    public override async Task SignalWorkflowAsync(SignalWorkflowInput input)
    {
        using var span = Start($"SignalWorkflow:{input.Signal}", input.Id, updateId: null);
        try
        {
            await base.SignalWorkflowAsync(input with { Headers = WithContext(input.Headers, span) });
        }
        catch (Exception ex)
        {
            SpanFailure.Record(span, ex);
            throw;
        }
    }

    public override async Task<TResult> QueryWorkflowAsync<TResult>(QueryWorkflowInput input)
    {
        using var span = Start($"QueryWorkflow:{input.Query}", input.Id, updateId: null);
        try
        {
            return await base.QueryWorkflowAsync<TResult>(input with { Headers = WithContext(input.Headers, span) });
        }
        catch (Exception ex)
        {
            SpanFailure.Record(span, ex);
            throw;
        }
    }

    public override async Task<WorkflowUpdateHandle<TResult>> StartWorkflowUpdateAsync<TResult>(StartWorkflowUpdateInput input)
    {
        using var span = Start($"UpdateWorkflow:{input.Update}", input.Id, input.Options.Id);
        try
        {
            return await base.StartWorkflowUpdateAsync<TResult>(input with { Headers = WithContext(input.Headers, span) });
        }
        catch (Exception ex)
        {
            SpanFailure.Record(span, ex);
            throw;
        }
    }

    private static Activity? Start(string name, string? workflowId, string? updateId)
    {
        var tags = new List<KeyValuePair<string, object?>> { new(TemporalSpanTags.WorkflowId, workflowId) };
        if (updateId is not null)
        {
            tags.Add(new(TemporalSpanTags.UpdateId, updateId));
        }

        return TracingSources.Client.StartActivity(name, ActivityKind.Client, parentContext: default, tags);
    }

    /// <summary>The headers with this span's context (or the ambient one when nobody listens to the client spans).</summary>
    private static IDictionary<string, Payload>? WithContext(IDictionary<string, Payload>? headers, Activity? span) =>
        (span ?? Activity.Current)?.Context is { } context && context.IsValid() ? TracingHeader.Write(headers, context) : headers;
}

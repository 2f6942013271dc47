using Temporalio.Api.Query.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>A query waiting for a worker's answer. Queries never touch history.</summary>
internal sealed class QueryState(string queryId, WorkflowRun run, WorkflowQuery query)
{
    public string QueryId { get; } = queryId;

    public WorkflowRun Run { get; } = run;

    public WorkflowQuery Query { get; } = query;

    public TaskCompletionSource<RespondQueryTaskCompletedRequest> Answer { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

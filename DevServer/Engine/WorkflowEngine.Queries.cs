using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.ErrorDetails.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Query.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// Queries, the classic way: a query task (PollWorkflowTaskQueueResponse.query, full history) on the workflow's task
/// queue, answered with RespondQueryTaskCompleted. It is dispatched only when no workflow task is outstanding, so the
/// worker sees a settled state; closed workflows are queried the same way (the worker replays them).
/// </summary>
internal sealed partial class WorkflowEngine
{
    private readonly Dictionary<string, QueryState> _queries = new(StringComparer.Ordinal);

    public async Task<QueryWorkflowResponse> QueryWorkflowAsync(QueryWorkflowRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        QueryState query;
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            RpcErrors.Require(!string.IsNullOrEmpty(request.Query?.QueryType), "QueryType is not set on request.");
            var run = FindRun(request.Namespace, request.Execution?.WorkflowId, request.Execution?.RunId);
            var rejected = request.QueryRejectCondition switch
            {
                QueryRejectCondition.NotOpen => !run.IsOpen,
                QueryRejectCondition.NotCompletedCleanly => !run.IsOpen && run.Status != WorkflowExecutionStatus.Completed,
                _ => false,
            };
            if (rejected)
            {
                return new QueryWorkflowResponse { QueryRejected = new QueryRejected { Status = run.Status } };
            }

            query = new QueryState(Guid.NewGuid().ToString(), run, request.Query!);
            _queries[query.QueryId] = query;
            if (run.IsOpen && run.WorkflowTask.Phase != WorkflowTaskPhase.None)
            {
                run.PendingQueries.Add(query);
            }
            else
            {
                DispatchQuery(query);
            }
        }

        try
        {
            if (!await WaitAsync(query.Answer.Task, budget, cancellation))
            {
                throw RpcErrors.DeadlineExceeded("query timed out: no worker answered");
            }
        }
        finally
        {
            using (EnterGate())
            {
                _queries.Remove(query.QueryId);
                query.Run.PendingQueries.Remove(query);
                ReleaseQueryTask(query);

                // An open query keeps virtual time still: now that it is done, time may skip again.
                KickForTimeSkipping();
            }
        }

        var answer = await query.Answer.Task;
        if (answer.CompletedType == QueryResultType.Answered)
        {
            return new QueryWorkflowResponse { QueryResult = answer.QueryResult };
        }

        throw RpcErrors.WithDetail(StatusCode.InvalidArgument, answer.ErrorMessage, new QueryFailedFailure { Failure = answer.Failure });
    }

    public RespondQueryTaskCompletedResponse RespondQueryTaskCompleted(RespondQueryTaskCompletedRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var (queryId, _, _) = TaskTokens.Decode(request.TaskToken, "qry");
            if (!_queries.TryGetValue(queryId, out var query))
            {
                throw RpcErrors.NotFound("query task not found, or already expired");
            }

            query.Answer.TrySetResult(request);
            ReleaseQueryTask(query);
            return new RespondQueryTaskCompletedResponse();
        }
    }

    private void DispatchQuery(QueryState query) =>
        WorkflowQueue(query.Run.Namespace, query.Run.TaskQueue).Add(new QueryTaskItem(query));

    private void DispatchPendingQueries(WorkflowRun run)
    {
        foreach (var query in run.PendingQueries)
        {
            DispatchQuery(query);
        }

        run.PendingQueries.Clear();
    }

    /// <summary>
    /// The worker answered the query task, or the query ended: the run's next task goes out now, a workflow task held
    /// back for it first (queries wait for that one to complete), else the queries waiting their turn.
    /// </summary>
    private void ReleaseQueryTask(QueryState query)
    {
        var run = query.Run;
        if (!run.QueriesAtWorker.Remove(query) || run.QueriesAtWorker.Count > 0)
        {
            return;
        }

        var task = run.WorkflowTask;
        if (task.HeldForQueries)
        {
            task.HeldForQueries = false;
            if (run.IsOpen && task.Phase == WorkflowTaskPhase.Scheduled)
            {
                DispatchWorkflowTask(run);
                return;
            }
        }

        if (!run.IsOpen || task.Phase == WorkflowTaskPhase.None)
        {
            DispatchPendingQueries(run);
        }
    }

    private PollWorkflowTaskQueueResponse? TryStartQueryTask(QueryTaskItem item)
    {
        var query = item.Query;
        if (!_queries.ContainsKey(query.QueryId))
        {
            return null;
        }

        var run = query.Run;
        if (run.IsOpen && run.WorkflowTask.Phase != WorkflowTaskPhase.None)
        {
            // A workflow task came up since the query was queued: answer on the state after it, not in the middle.
            run.PendingQueries.Add(query);
            return null;
        }

        if (run.QueriesAtWorker.Count > 0)
        {
            // One query task of a run at the worker at a time (see QueriesAtWorker): this one goes out when it is answered.
            run.PendingQueries.Add(query);
            return null;
        }

        var response = new PollWorkflowTaskQueueResponse
        {
            TaskToken = TaskTokens.Query(query.QueryId),
            WorkflowExecution = run.Execution,
            WorkflowType = new Temporalio.Api.Common.V1.WorkflowType { Name = run.WorkflowType },
            PreviousStartedEventId = run.PreviousStartedEventId,
            StartedEventId = run.PreviousStartedEventId,
            Attempt = 1,
            Query = query.Query,
            History = new History(),
            WorkflowExecutionTaskQueue = NormalQueue(run.TaskQueue),
        };
        response.History.Events.AddRange(run.History);
        run.QueriesAtWorker.Add(query);
        return response;
    }
}

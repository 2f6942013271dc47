using System.Globalization;
using System.Text;
using FoodDelivery.DevServer.Visibility;
using Google.Protobuf;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>ListWorkflowExecutions and CountWorkflowExecutions over the runs still retained.</summary>
internal sealed partial class WorkflowEngine
{
    public ListWorkflowExecutionsResponse ListWorkflowExecutions(ListWorkflowExecutionsRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var query = ParseVisibilityQuery(request.Query);
            var offset = request.NextPageToken.IsEmpty ? 0 : int.Parse(request.NextPageToken.ToStringUtf8(), CultureInfo.InvariantCulture);
            var pageSize = request.PageSize > 0 ? request.PageSize : 1000;
            var runs = _runsById.Values.Where(r => r.Namespace == request.Namespace).ToDictionary(r => r.RunId);
            var matching = query.Apply(runs.Values.Select(ToVisibilityRecord)).Skip(offset).Take(pageSize + 1).ToList();

            var response = new ListWorkflowExecutionsResponse();
            foreach (var record in matching.Take(pageSize))
            {
                response.Executions.Add(ExecutionInfo(runs[record.RunId]));
            }

            if (matching.Count > pageSize)
            {
                response.NextPageToken = ByteString.CopyFrom((offset + pageSize).ToString(CultureInfo.InvariantCulture), Encoding.UTF8);
            }

            return response;
        }
    }

    public CountWorkflowExecutionsResponse CountWorkflowExecutions(CountWorkflowExecutionsRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var query = ParseVisibilityQuery(request.Query);
            var count = query.Apply(_runsById.Values.Where(r => r.Namespace == request.Namespace).Select(ToVisibilityRecord)).LongCount();
            return new CountWorkflowExecutionsResponse { Count = count };
        }
    }

    private static VisibilityQuery ParseVisibilityQuery(string query)
    {
        try
        {
            return VisibilityQuery.Parse(query);
        }
        catch (FormatException e)
        {
            throw RpcErrors.InvalidArgument($"invalid query: {e.Message}");
        }
    }

    private static VisibilityRecord ToVisibilityRecord(WorkflowRun run) => new(
        run.WorkflowId,
        run.RunId,
        run.WorkflowType,
        run.TaskQueue,
        StatusName(run.Status),
        run.StartTime,
        run.ExecutionTime,
        run.CloseTime);

    /// <summary>The status as the query language spells it (Running, Completed, ContinuedAsNew, ...).</summary>
    private static string StatusName(WorkflowExecutionStatus status) => status.ToString();
}

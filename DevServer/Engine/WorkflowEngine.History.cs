using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Workflow.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>Reading workflows: history (paged, long-polled, close-event only, reverse) and DescribeWorkflowExecution.</summary>
internal sealed partial class WorkflowEngine
{
    private const int DefaultHistoryPageSize = 1000;

    /// <summary>How many clients wait for a workflow result (a close-event long poll): time skipping may run then.</summary>
    private int _resultWaiters;

    public async Task<GetWorkflowExecutionHistoryResponse> GetWorkflowExecutionHistoryAsync(
        GetWorkflowExecutionHistoryRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        var until = DateTime.UtcNow + budget;
        var closeOnly = request.HistoryEventFilterType == HistoryEventFilterType.CloseEvent;
        while (true)
        {
            Task changed;
            WorkflowRun run;
            using (EnterGate())
            {
                _namespaces.Get(request.Namespace);
                var token = ParsePageToken(request.NextPageToken);
                run = FindRun(request.Namespace, request.Execution?.WorkflowId, token?.RunId ?? request.Execution?.RunId);
                if (closeOnly)
                {
                    if (!run.IsOpen || !request.WaitNewEvent)
                    {
                        var response = new GetWorkflowExecutionHistoryResponse { History = new History() };
                        if (run.CloseEvent is { } closeEvent)
                        {
                            response.History.Events.Add(closeEvent);
                        }

                        return response;
                    }
                }
                else
                {
                    var from = token?.NextEventId ?? 1;
                    if (from <= run.HistoryLength || !request.WaitNewEvent || !run.IsOpen)
                    {
                        return HistoryPage(run, from, request.MaximumPageSize, request.WaitNewEvent);
                    }
                }

                changed = closeOnly ? run.WaitForClose() : run.WaitForHistoryChange();
                if (closeOnly)
                {
                    _resultWaiters++;
                    KickForTimeSkipping();
                }
            }

            bool gotEvent;
            try
            {
                var remaining = until - DateTime.UtcNow;
                gotEvent = await WaitAsync(changed, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellation);
            }
            finally
            {
                if (closeOnly)
                {
                    using (EnterGate())
                    {
                        _resultWaiters--;
                    }
                }
            }

            if (!gotEvent)
            {
                // Long poll over: an empty page whose token makes the client ask again.
                var next = closeOnly ? 0 : ParsePageToken(request.NextPageToken)?.NextEventId ?? run.HistoryLength + 1;
                return new GetWorkflowExecutionHistoryResponse { History = new History(), NextPageToken = PageToken(run.RunId, next) };
            }
        }
    }

    public GetWorkflowExecutionHistoryReverseResponse GetWorkflowExecutionHistoryReverse(GetWorkflowExecutionHistoryReverseRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var token = ParsePageToken(request.NextPageToken);
            var run = FindRun(request.Namespace, request.Execution?.WorkflowId, token?.RunId ?? request.Execution?.RunId);
            var last = token?.NextEventId ?? run.HistoryLength;
            var events = run.History;
            var pageSize = request.MaximumPageSize > 0 ? request.MaximumPageSize : DefaultHistoryPageSize;
            var first = Math.Max(1, last - pageSize + 1);
            var response = new GetWorkflowExecutionHistoryReverseResponse { History = new History() };
            for (var eventId = last; eventId >= first; eventId--)
            {
                response.History.Events.Add(events[(int)eventId - 1]);
            }

            if (first > 1)
            {
                response.NextPageToken = PageToken(run.RunId, first - 1);
            }

            return response;
        }
    }

    private static GetWorkflowExecutionHistoryResponse HistoryPage(WorkflowRun run, long from, int maximumPageSize, bool waitNewEvent)
    {
        var pageSize = maximumPageSize > 0 ? maximumPageSize : DefaultHistoryPageSize;
        var startIndex = (int)Math.Max(0, from - 1);
        var count = Math.Max(0, Math.Min(pageSize, run.HistoryLength - startIndex));
        var response = new GetWorkflowExecutionHistoryResponse { History = new History() };
        response.History.Events.AddRange(run.History.Skip(startIndex).Take(count));
        var next = startIndex + count + 1;
        if (next <= run.HistoryLength || (waitNewEvent && run.IsOpen))
        {
            response.NextPageToken = PageToken(run.RunId, next);
        }

        return response;
    }

    private static ByteString PageToken(string runId, long nextEventId) =>
        ByteString.CopyFrom($"{runId}|{nextEventId.ToString(CultureInfo.InvariantCulture)}", Encoding.UTF8);

    private static (string RunId, long NextEventId)? ParsePageToken(ByteString token)
    {
        if (token.IsEmpty)
        {
            return null;
        }

        var parts = token.ToStringUtf8().Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var next) || next < 0)
        {
            throw RpcErrors.InvalidArgument("Invalid NextPageToken.");
        }

        return (parts[0], next);
    }

    public DescribeWorkflowExecutionResponse DescribeWorkflowExecution(DescribeWorkflowExecutionRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var run = FindRun(request.Namespace, request.Execution?.WorkflowId, request.Execution?.RunId);
            var response = new DescribeWorkflowExecutionResponse
            {
                ExecutionConfig = new WorkflowExecutionConfig
                {
                    TaskQueue = NormalQueue(run.TaskQueue),
                    WorkflowExecutionTimeout = ToDuration(run.ExecutionTimeout),
                    WorkflowRunTimeout = ToDuration(run.RunTimeout),
                    DefaultWorkflowTaskTimeout = Duration.FromTimeSpan(run.WorkflowTaskTimeout),
                },
                WorkflowExecutionInfo = ExecutionInfo(run),
            };

            foreach (var activity in run.Activities.Values)
            {
                response.PendingActivities.Add(new PendingActivityInfo
                {
                    ActivityId = activity.ActivityId,
                    ActivityType = activity.ActivityType,
                    State = activity.CancelRequested ? PendingActivityState.CancelRequested
                        : activity.Phase == ActivityPhase.Started ? PendingActivityState.Started
                        : PendingActivityState.Scheduled,
                    HeartbeatDetails = activity.HeartbeatDetails,
                    LastHeartbeatTime = activity.LastHeartbeatTime is { } heartbeat ? ToTimestamp(heartbeat) : null,
                    LastStartedTime = activity.StartedTime is { } started ? ToTimestamp(started) : null,
                    Attempt = activity.Attempt,
                    MaximumAttempts = activity.RetryPolicy.MaximumAttempts,
                    ScheduledTime = ToTimestamp(activity.AttemptScheduledTime),
                    ExpirationTime = activity.ScheduleToCloseDeadline is { } expiration ? ToTimestamp(expiration) : null,
                    LastFailure = activity.LastFailure,
                    LastWorkerIdentity = activity.LastWorkerIdentity ?? activity.StartedIdentity ?? "",
                });
            }

            var task = run.WorkflowTask;
            if (run.IsOpen && task.Phase != WorkflowTaskPhase.None)
            {
                response.PendingWorkflowTask = new PendingWorkflowTaskInfo
                {
                    State = task.Phase == WorkflowTaskPhase.Started ? PendingWorkflowTaskState.Started : PendingWorkflowTaskState.Scheduled,
                    ScheduledTime = ToTimestamp(task.ScheduledTime),
                    OriginalScheduledTime = ToTimestamp(task.ScheduledTime),
                    StartedTime = task.Phase == WorkflowTaskPhase.Started ? ToTimestamp(task.StartedTime) : null,
                    Attempt = task.Attempt,
                };
            }

            return response;
        }
    }

    private static WorkflowExecutionInfo ExecutionInfo(WorkflowRun run) => new()
    {
        Execution = run.Execution,
        Type = new WorkflowType { Name = run.WorkflowType },
        StartTime = ToTimestamp(run.StartTime),
        CloseTime = run.CloseTime is { } closed ? ToTimestamp(closed) : null,
        Status = run.Status,
        HistoryLength = run.HistoryLength,
        ExecutionTime = ToTimestamp(run.ExecutionTime),
        // Copies: upserts change the run's own objects while this response is serialized outside the lock.
        Memo = run.Memo.Clone(),
        SearchAttributes = run.SearchAttributes.Clone(),
        TaskQueue = run.TaskQueue,
        FirstRunId = run.FirstExecutionRunId,
    };
}

using FoodDelivery.DevServer.Engine;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Update.V1;

namespace FoodDelivery.DevServer.Persistence;

/// <summary>
/// Converts a run's state to its saved form and back. Only state is converted: deadlines and queue entries are
/// re-armed by the engine after loading (they all follow from this state).
/// </summary>
internal static class RunRecords
{
    public static RunRecord ToRecord(WorkflowRun run) => new()
    {
        Namespace = run.Namespace,
        WorkflowId = run.WorkflowId,
        RunId = run.RunId,
        WorkflowType = run.WorkflowType,
        TaskQueue = run.TaskQueue,
        Status = (int)run.Status,
        StartTime = run.StartTime,
        ExecutionTime = run.ExecutionTime,
        CloseTime = run.CloseTime,
        FirstExecutionRunId = run.FirstExecutionRunId,
        StartRequestId = run.StartRequestId,
        WorkflowTaskTimeout = run.WorkflowTaskTimeout,
        RunTimeout = run.RunTimeout,
        ExecutionTimeout = run.ExecutionTimeout,
        ExecutionExpiration = run.ExecutionExpiration,
        Memo = run.Memo.ToByteArray(),
        SearchAttributes = run.SearchAttributes.ToByteArray(),
        SeenRequestIds = [.. run.SeenRequestIds],
        WorkflowTask = new WorkflowTaskRecord
        {
            Phase = (int)run.WorkflowTask.Phase,
            ScheduledEventId = run.WorkflowTask.ScheduledEventId,
            StartedEventId = run.WorkflowTask.StartedEventId,
            Attempt = run.WorkflowTask.Attempt,
            ScheduledTime = run.WorkflowTask.ScheduledTime,
            StartedTime = run.WorkflowTask.StartedTime,
        },
        PreviousStartedEventId = run.PreviousStartedEventId,
        CancelRequested = run.CancelRequested,
        ContinuedAsNewRunId = run.ContinuedAsNewRunId,
        Buffered = [.. run.BufferedEvents.Select(ToRecord)],
        Activities = [.. run.Activities.Values.Select(ToRecord)],
        Timers = [.. run.Timers.Values.Select(t => new TimerRecord
        {
            TimerId = t.TimerId,
            StartedEventId = t.StartedEventId,
            Due = t.Due,
            FiredWhileBuffered = t.FiredWhileBuffered,
        })],
        Updates = [.. run.Updates.Values.Select(u => new UpdateRecord
        {
            UpdateId = u.UpdateId,
            Request = u.Request.ToByteArray(),
            Stage = (int)u.Stage,
            AcceptedEventId = u.AcceptedEventId,
            Outcome = u.Outcome?.ToByteArray(),
            AbortReason = u.AbortReason,
        })],
    };

    /// <summary>
    /// Rebuilds a run from its record and history. A closed run gets its close event and packed history; an open
    /// run's workflow task, activities, timers and buffer come back exactly as saved, with nothing armed or queued.
    /// </summary>
    public static WorkflowRun FromRecord(RunRecord record, long sequence, IReadOnlyList<HistoryEvent> history, Action<WorkflowRun> changed)
    {
        var run = new WorkflowRun(record.Namespace, record.WorkflowId, record.RunId, record.WorkflowType, record.TaskQueue, changed)
        {
            Sequence = sequence,
            Status = (WorkflowExecutionStatus)record.Status,
            StartTime = record.StartTime,
            ExecutionTime = record.ExecutionTime,
            CloseTime = record.CloseTime,
            FirstExecutionRunId = record.FirstExecutionRunId,
            StartRequestId = record.StartRequestId,
            WorkflowTaskTimeout = record.WorkflowTaskTimeout,
            RunTimeout = record.RunTimeout,
            ExecutionTimeout = record.ExecutionTimeout,
            ExecutionExpiration = record.ExecutionExpiration,
            Memo = Memo.Parser.ParseFrom(record.Memo),
            SearchAttributes = SearchAttributes.Parser.ParseFrom(record.SearchAttributes),
            PreviousStartedEventId = record.PreviousStartedEventId,
            CancelRequested = record.CancelRequested,
            ContinuedAsNewRunId = record.ContinuedAsNewRunId,
        };
        run.RestoreHistory(history);
        run.SeenRequestIds.UnionWith(record.SeenRequestIds);

        var task = run.WorkflowTask;
        task.Phase = (WorkflowTaskPhase)record.WorkflowTask.Phase;
        task.ScheduledEventId = record.WorkflowTask.ScheduledEventId;
        task.StartedEventId = record.WorkflowTask.StartedEventId;
        task.Attempt = record.WorkflowTask.Attempt;
        task.ScheduledTime = record.WorkflowTask.ScheduledTime;
        task.StartedTime = record.WorkflowTask.StartedTime;

        run.BufferedEvents.AddRange(record.Buffered.Select(b => new BufferedInput
        {
            Events = [.. History.Parser.ParseFrom(b.Events).Events],
            FiredTimerId = b.FiredTimerId,
        }));
        foreach (var activity in record.Activities.Select(FromRecord))
        {
            run.Activities[activity.ScheduledEventId] = activity;
        }

        foreach (var timer in record.Timers)
        {
            run.Timers[timer.TimerId] = new UserTimerState
            {
                TimerId = timer.TimerId,
                StartedEventId = timer.StartedEventId,
                Due = timer.Due,
                FiredWhileBuffered = timer.FiredWhileBuffered,
            };
        }

        foreach (var update in record.Updates)
        {
            run.Updates[update.UpdateId] = UpdateState.Restore(
                update.UpdateId,
                Request.Parser.ParseFrom(update.Request),
                (UpdateWorkflowExecutionLifecycleStage)update.Stage,
                update.AcceptedEventId,
                update.Outcome is { } outcome ? Outcome.Parser.ParseFrom(outcome) : null,
                update.AbortReason);
        }

        if (!run.IsOpen)
        {
            run.CloseEvent = run.History[^1];
            run.PackHistory();
        }

        return run;
    }

    private static BufferedInputRecord ToRecord(BufferedInput input)
    {
        var events = new History();
        events.Events.AddRange(input.Events);
        return new BufferedInputRecord { Events = events.ToByteArray(), FiredTimerId = input.FiredTimerId };
    }

    private static ActivityRecord ToRecord(ActivityState activity) => new()
    {
        ScheduledEventId = activity.ScheduledEventId,
        ActivityId = activity.ActivityId,
        ActivityType = activity.ActivityType.Name,
        TaskQueue = activity.TaskQueue,
        Header = activity.Header?.ToByteArray(),
        Input = activity.Input?.ToByteArray(),
        ScheduleToCloseTimeout = activity.ScheduleToCloseTimeout,
        ScheduleToStartTimeout = activity.ScheduleToStartTimeout,
        StartToCloseTimeout = activity.StartToCloseTimeout,
        HeartbeatTimeout = activity.HeartbeatTimeout,
        RetryPolicy = activity.RetryPolicy.ToByteArray(),
        FirstScheduledTime = activity.FirstScheduledTime,
        Phase = (int)activity.Phase,
        Attempt = activity.Attempt,
        AttemptScheduledTime = activity.AttemptScheduledTime,
        StartedTime = activity.StartedTime,
        StartedIdentity = activity.StartedIdentity,
        StartedRequestId = activity.StartedRequestId,
        HeartbeatDetails = activity.HeartbeatDetails?.ToByteArray(),
        LastHeartbeatTime = activity.LastHeartbeatTime,
        LastFailure = activity.LastFailure?.ToByteArray(),
        LastWorkerIdentity = activity.LastWorkerIdentity,
        CancelRequested = activity.CancelRequested,
        CancelRequestedEventId = activity.CancelRequestedEventId,
        RetryTime = activity.RetryTime,
    };

    private static ActivityState FromRecord(ActivityRecord record) => new()
    {
        ScheduledEventId = record.ScheduledEventId,
        ActivityId = record.ActivityId,
        ActivityType = new ActivityType { Name = record.ActivityType },
        TaskQueue = record.TaskQueue,
        Header = record.Header is { } header ? Header.Parser.ParseFrom(header) : null,
        Input = record.Input is { } input ? Payloads.Parser.ParseFrom(input) : null,
        ScheduleToCloseTimeout = record.ScheduleToCloseTimeout,
        ScheduleToStartTimeout = record.ScheduleToStartTimeout,
        StartToCloseTimeout = record.StartToCloseTimeout,
        HeartbeatTimeout = record.HeartbeatTimeout,
        RetryPolicy = RetryPolicy.Parser.ParseFrom(record.RetryPolicy),
        FirstScheduledTime = record.FirstScheduledTime,
        Phase = (ActivityPhase)record.Phase,
        Attempt = record.Attempt,
        AttemptScheduledTime = record.AttemptScheduledTime,
        StartedTime = record.StartedTime,
        StartedIdentity = record.StartedIdentity,
        StartedRequestId = record.StartedRequestId,
        HeartbeatDetails = record.HeartbeatDetails is { } details ? Payloads.Parser.ParseFrom(details) : null,
        LastHeartbeatTime = record.LastHeartbeatTime,
        LastFailure = record.LastFailure is { } failure ? Failure.Parser.ParseFrom(failure) : null,
        LastWorkerIdentity = record.LastWorkerIdentity,
        CancelRequested = record.CancelRequested,
        CancelRequestedEventId = record.CancelRequestedEventId,
        RetryTime = record.RetryTime,
    };
}

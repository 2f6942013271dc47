using Google.Protobuf;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// Activities: scheduling, polling, results, heartbeats, the four timeouts and server-side retries. Attempts and
/// retries write no history; ActivityTaskStarted is written only when the activity closes (with the last attempt).
/// </summary>
internal sealed partial class WorkflowEngine
{
    private const string ActivityNotFound = "invalid activityID or activity already timed out or invoking workflow is completed";

    /// <summary>
    /// Writes ActivityTaskScheduled and queues the first attempt. With eager execution (the worker that completed the
    /// workflow task asked for it and polls the activity's queue) the attempt starts at once and is returned to it.
    /// </summary>
    private PollActivityTaskQueueResponse? ScheduleActivity(
        WorkflowRun run, long completedEventId, ScheduleActivityTaskCommandAttributes attributes, string identity, bool eagerAllowed)
    {
        // Timeout defaults as the real server fills them: schedule-to-close bounds the others, the run timeout bounds all.
        var scheduleToClose = Bound(ToTimeSpan(attributes.ScheduleToCloseTimeout), run.RunTimeout);
        var scheduleToStart = Bound(ToTimeSpan(attributes.ScheduleToStartTimeout), scheduleToClose);
        var startToClose = Bound(ToTimeSpan(attributes.StartToCloseTimeout), scheduleToClose);
        if (startToClose <= TimeSpan.Zero)
        {
            startToClose = scheduleToClose;
        }

        var heartbeat = Bound(ToTimeSpan(attributes.HeartbeatTimeout), startToClose);
        var retryPolicy = RetryPolicies.WithDefaults(attributes.RetryPolicy);
        var taskQueue = string.IsNullOrEmpty(attributes.TaskQueue?.Name) ? run.TaskQueue : attributes.TaskQueue.Name;

        var now = Now;
        var scheduled = run.AddEvent(EventType.ActivityTaskScheduled, now);
        scheduled.ActivityTaskScheduledEventAttributes = new()
        {
            ActivityId = attributes.ActivityId,
            ActivityType = attributes.ActivityType,
            TaskQueue = NormalQueue(taskQueue),
            Header = attributes.Header,
            Input = attributes.Input,
            ScheduleToCloseTimeout = ToDuration(scheduleToClose),
            ScheduleToStartTimeout = ToDuration(scheduleToStart),
            StartToCloseTimeout = ToDuration(startToClose),
            HeartbeatTimeout = ToDuration(heartbeat),
            WorkflowTaskCompletedEventId = completedEventId,
            RetryPolicy = retryPolicy,
            Priority = attributes.Priority,
        };

        var activity = new ActivityState
        {
            ScheduledEventId = scheduled.EventId,
            ActivityId = attributes.ActivityId,
            ActivityType = attributes.ActivityType,
            TaskQueue = taskQueue,
            Header = attributes.Header,
            Input = attributes.Input,
            ScheduleToCloseTimeout = scheduleToClose,
            ScheduleToStartTimeout = scheduleToStart,
            StartToCloseTimeout = startToClose,
            HeartbeatTimeout = heartbeat,
            RetryPolicy = retryPolicy,
            FirstScheduledTime = now,
        };
        run.Activities[activity.ScheduledEventId] = activity;
        ArmScheduleToCloseTimeout(run, activity);

        if (eagerAllowed && attributes.RequestEagerExecution && taskQueue == run.TaskQueue)
        {
            activity.Phase = ActivityPhase.Scheduled;
            activity.AttemptScheduledTime = now;
            return TryStartActivity(new ActivityTaskItem(run, activity, activity.Attempt), identity);
        }

        QueueActivityAttempt(run, activity);
        return null;
    }

    /// <summary>A requested timeout, capped by <paramref name="bound"/>; zero (unset) takes the bound.</summary>
    private static TimeSpan Bound(TimeSpan requested, TimeSpan bound) =>
        requested <= TimeSpan.Zero ? bound
        : bound > TimeSpan.Zero && requested > bound ? bound
        : requested;

    private void QueueActivityAttempt(WorkflowRun run, ActivityState activity)
    {
        activity.CancelAttemptTimers();
        activity.Phase = ActivityPhase.Scheduled;
        activity.AttemptScheduledTime = Now;
        activity.StartedTime = null;
        activity.RetryTime = null;
        EnqueueActivityAttempt(run, activity);
    }

    /// <summary>Puts the scheduled attempt in its task queue, with its schedule-to-start deadline.</summary>
    private void EnqueueActivityAttempt(WorkflowRun run, ActivityState activity)
    {
        var attempt = activity.Attempt;
        if (activity.ScheduleToStartTimeout > TimeSpan.Zero)
        {
            activity.AttemptTimers.Add(ScheduleTimer(run, activity.AttemptScheduledTime + activity.ScheduleToStartTimeout, () => OnActivityTimeout(run, activity, attempt, TimeoutType.ScheduleToStart)));
        }

        ActivityQueue(run.Namespace, activity.TaskQueue).Add(new ActivityTaskItem(run, activity, attempt));
    }

    private void ArmScheduleToCloseTimeout(WorkflowRun run, ActivityState activity)
    {
        if (activity.ScheduleToCloseDeadline is { } deadline)
        {
            activity.ScheduleToCloseTimer = ScheduleTimer(run, deadline, () => OnActivityTimeout(run, activity, 0, TimeoutType.ScheduleToClose));
        }
    }

    /// <summary>The running attempt's start-to-close and heartbeat deadlines (counted from its start and last heartbeat).</summary>
    private void ArmRunningAttemptTimeouts(WorkflowRun run, ActivityState activity)
    {
        var attempt = activity.Attempt;
        var started = activity.StartedTime!.Value;
        activity.AttemptTimers.Add(ScheduleTimer(run, started + activity.StartToCloseTimeout, () => OnActivityTimeout(run, activity, attempt, TimeoutType.StartToClose)));
        var lastSign = activity.LastHeartbeatTime is { } heartbeat && heartbeat > started ? heartbeat : started;
        ResetHeartbeatTimer(run, activity, lastSign);
    }

    /// <summary>Queues the next attempt when the retry interval (<see cref="ActivityState.RetryTime"/>) has passed.</summary>
    private void ArmRetryBackoff(WorkflowRun run, ActivityState activity)
    {
        var attempt = activity.Attempt;
        activity.AttemptTimers.Add(ScheduleTimer(run, activity.RetryTime!.Value, () =>
        {
            if (IsPending(run, activity) && activity.Phase == ActivityPhase.Backoff && activity.Attempt == attempt)
            {
                QueueActivityAttempt(run, activity);
            }
        }));
    }

    public async Task<PollActivityTaskQueueResponse> PollActivityTaskQueueAsync(
        PollActivityTaskQueueRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        MatchingQueue<ActivityTaskItem> queue;
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            RpcErrors.Require(!string.IsNullOrEmpty(request.TaskQueue?.Name), "TaskQueue is not set on request.");
            queue = ActivityQueue(request.Namespace, request.TaskQueue!.Name);
        }

        var until = DateTime.UtcNow + budget;
        while (true)
        {
            var remaining = until - DateTime.UtcNow;
            var item = await TakeAsync(queue, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellation);
            if (item is null)
            {
                return new PollActivityTaskQueueResponse();
            }

            using (EnterGate())
            {
                if (TryStartActivity(item, request.Identity) is { } response)
                {
                    return response;
                }
            }
        }
    }

    private PollActivityTaskQueueResponse? TryStartActivity(ActivityTaskItem item, string identity)
    {
        var (run, activity, attempt) = item;
        if (!IsPending(run, activity) || activity.Phase != ActivityPhase.Scheduled || activity.Attempt != attempt)
        {
            return null;
        }

        var now = Now;
        Touch(run);
        activity.CancelAttemptTimers();
        activity.Phase = ActivityPhase.Started;
        activity.StartedTime = now;
        activity.StartedIdentity = identity;
        activity.StartedRequestId = Guid.NewGuid().ToString();
        ArmRunningAttemptTimeouts(run, activity);

        return new PollActivityTaskQueueResponse
        {
            TaskToken = TaskTokens.Activity(run.RunId, activity.ScheduledEventId, attempt),
            WorkflowNamespace = run.Namespace,
            WorkflowType = new WorkflowType { Name = run.WorkflowType },
            WorkflowExecution = run.Execution,
            ActivityType = activity.ActivityType,
            ActivityId = activity.ActivityId,
            Header = activity.Header,
            Input = activity.Input,
            HeartbeatDetails = activity.HeartbeatDetails,
            ScheduledTime = ToTimestamp(activity.FirstScheduledTime),
            CurrentAttemptScheduledTime = ToTimestamp(activity.AttemptScheduledTime),
            StartedTime = ToTimestamp(now),
            Attempt = attempt,
            ScheduleToCloseTimeout = ToDuration(activity.ScheduleToCloseTimeout),
            StartToCloseTimeout = ToDuration(activity.StartToCloseTimeout),
            HeartbeatTimeout = ToDuration(activity.HeartbeatTimeout),
            RetryPolicy = activity.RetryPolicy,
        };
    }

    private void ResetHeartbeatTimer(WorkflowRun run, ActivityState activity, DateTime now)
    {
        activity.HeartbeatTimer?.Cancel();
        activity.HeartbeatTimer = null;
        if (activity.HeartbeatTimeout > TimeSpan.Zero)
        {
            var attempt = activity.Attempt;
            activity.HeartbeatTimer = ScheduleTimer(run, now + activity.HeartbeatTimeout, () => OnActivityTimeout(run, activity, attempt, TimeoutType.Heartbeat));
        }
    }

    private static bool IsPending(WorkflowRun run, ActivityState activity) =>
        run.IsOpen && run.Activities.TryGetValue(activity.ScheduledEventId, out var current) && ReferenceEquals(current, activity);

    public RespondActivityTaskCompletedResponse RespondActivityTaskCompleted(RespondActivityTaskCompletedRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            CompleteActivity(run, activity, request.Result, request.Identity);
            return new RespondActivityTaskCompletedResponse();
        }
    }

    public RespondActivityTaskCompletedByIdResponse RespondActivityTaskCompletedById(RespondActivityTaskCompletedByIdRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            CompleteActivity(run, activity, request.Result, request.Identity);
            return new RespondActivityTaskCompletedByIdResponse();
        }
    }

    public RespondActivityTaskFailedResponse RespondActivityTaskFailed(RespondActivityTaskFailedRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            RecordHeartbeatDetails(activity, request.LastHeartbeatDetails);
            FailActivityAttempt(run, activity, request.Failure ?? new Failure { Message = "activity failed" }, request.Identity, timeoutType: null);
            return new RespondActivityTaskFailedResponse();
        }
    }

    public RespondActivityTaskFailedByIdResponse RespondActivityTaskFailedById(RespondActivityTaskFailedByIdRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            RecordHeartbeatDetails(activity, request.LastHeartbeatDetails);
            FailActivityAttempt(run, activity, request.Failure ?? new Failure { Message = "activity failed" }, request.Identity, timeoutType: null);
            return new RespondActivityTaskFailedByIdResponse();
        }
    }

    public RespondActivityTaskCanceledResponse RespondActivityTaskCanceled(RespondActivityTaskCanceledRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            CancelStartedActivity(run, activity, request.Details, request.Identity);
            return new RespondActivityTaskCanceledResponse();
        }
    }

    public RespondActivityTaskCanceledByIdResponse RespondActivityTaskCanceledById(RespondActivityTaskCanceledByIdRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            CancelStartedActivity(run, activity, request.Details, request.Identity);
            return new RespondActivityTaskCanceledByIdResponse();
        }
    }

    public RecordActivityTaskHeartbeatResponse RecordActivityTaskHeartbeat(RecordActivityTaskHeartbeatRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            return new RecordActivityTaskHeartbeatResponse { CancelRequested = Heartbeat(run, activity, request.Details) };
        }
    }

    public RecordActivityTaskHeartbeatByIdResponse RecordActivityTaskHeartbeatById(RecordActivityTaskHeartbeatByIdRequest request)
    {
        using (EnterGate())
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            return new RecordActivityTaskHeartbeatByIdResponse { CancelRequested = Heartbeat(run, activity, request.Details) };
        }
    }

    private bool Heartbeat(WorkflowRun run, ActivityState activity, Payloads? details)
    {
        var now = Now;
        Touch(run);
        RecordHeartbeatDetails(activity, details);
        activity.LastHeartbeatTime = now;
        ResetHeartbeatTimer(run, activity, now);
        return activity.CancelRequested;
    }

    private static void RecordHeartbeatDetails(ActivityState activity, Payloads? details)
    {
        if (details is not null)
        {
            activity.HeartbeatDetails = details;
        }
    }

    private (WorkflowRun Run, ActivityState Activity) FindStartedActivity(ByteString taskToken)
    {
        var (runId, scheduledEventId, attempt) = TaskTokens.Decode(taskToken, "act");
        if (_runsById.TryGetValue(runId, out var run) && run.IsOpen
            && run.Activities.TryGetValue(scheduledEventId, out var activity)
            && activity.Phase == ActivityPhase.Started && activity.Attempt == attempt)
        {
            return (run, activity);
        }

        throw RpcErrors.NotFound(ActivityNotFound);
    }

    private (WorkflowRun Run, ActivityState Activity) FindStartedActivity(string @namespace, string workflowId, string runId, string activityId)
    {
        _namespaces.Get(@namespace);
        RpcErrors.Require(activityId.Length > 0, "ActivityId is not set on request.");
        var run = FindOpenRun(@namespace, workflowId, runId);
        var activity = run.Activities.Values.FirstOrDefault(a => a.ActivityId == activityId && a.Phase == ActivityPhase.Started);
        return activity is null ? throw RpcErrors.NotFound(ActivityNotFound) : (run, activity);
    }

    private static void RemoveActivity(WorkflowRun run, ActivityState activity)
    {
        activity.CancelAllTimers();
        run.Activities.Remove(activity.ScheduledEventId);
    }

    /// <summary>
    /// ActivityTaskStarted as written at close: the last attempt, with the failure of the one before. The close event
    /// written right after it gets its id as started_event_id.
    /// </summary>
    private static HistoryEvent ActivityStartedEvent(ActivityState activity) => new()
    {
        EventType = EventType.ActivityTaskStarted,
        EventTime = activity.StartedTime is { } startedTime ? ToTimestamp(startedTime) : null,
        ActivityTaskStartedEventAttributes = new()
        {
            ScheduledEventId = activity.ScheduledEventId,
            Identity = activity.StartedIdentity ?? "",
            RequestId = activity.StartedRequestId ?? "",
            Attempt = activity.Attempt,
            LastFailure = activity.LastFailure,
        },
    };

    private void CompleteActivity(WorkflowRun run, ActivityState activity, Payloads? result, string identity)
    {
        RemoveActivity(run, activity);
        AddWorkflowInput(run, BufferedInput.Of(ActivityStartedEvent(activity), new HistoryEvent
        {
            EventType = EventType.ActivityTaskCompleted,
            ActivityTaskCompletedEventAttributes = new()
            {
                Result = result,
                ScheduledEventId = activity.ScheduledEventId,
                Identity = identity,
            },
        }));
        KickForTimeSkipping();
    }

    private void CancelStartedActivity(WorkflowRun run, ActivityState activity, Payloads? details, string identity)
    {
        RemoveActivity(run, activity);
        AddWorkflowInput(run, BufferedInput.Of(ActivityStartedEvent(activity), new HistoryEvent
        {
            EventType = EventType.ActivityTaskCanceled,
            ActivityTaskCanceledEventAttributes = new()
            {
                Details = details,
                LatestCancelRequestedEventId = activity.CancelRequestedEventId,
                ScheduledEventId = activity.ScheduledEventId,
                Identity = identity,
            },
        }));
        KickForTimeSkipping();
    }

    /// <summary>
    /// One attempt failed (or timed out): retry per the policy after the backoff, or close the activity with the
    /// failure and the reason retrying stopped.
    /// </summary>
    private void FailActivityAttempt(WorkflowRun run, ActivityState activity, Failure failure, string identity, TimeoutType? timeoutType)
    {
        var now = Now;
        var (retryState, delay) = RetryPolicies.Decide(activity.RetryPolicy, activity.Attempt, failure, now, activity.ScheduleToCloseDeadline);
        if (retryState == RetryState.InProgress)
        {
            activity.CancelAttemptTimers();
            activity.LastFailure = failure;
            activity.LastWorkerIdentity = identity;
            activity.Attempt++;
            activity.Phase = ActivityPhase.Backoff;
            activity.StartedTime = null;
            activity.RetryTime = now + delay;
            ArmRetryBackoff(run, activity);
            KickForTimeSkipping();
            return;
        }

        if (retryState == RetryState.Timeout && timeoutType is null)
        {
            // No time left before schedule-to-close for another attempt: the activity times out, caused by this failure.
            failure = new Failure
            {
                Message = "Not enough time to schedule next retry before activity ScheduleToClose timeout, giving up retrying",
                Source = "Server",
                TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = TimeoutType.ScheduleToClose, LastHeartbeatDetails = activity.HeartbeatDetails },
                Cause = failure,
            };
            timeoutType = TimeoutType.ScheduleToClose;
        }

        CloseActivityWithFailure(run, activity, failure, identity, timeoutType, retryState);
    }

    private void CloseActivityWithFailure(
        WorkflowRun run, ActivityState activity, Failure failure, string identity, TimeoutType? timeoutType, RetryState retryState)
    {
        var wasStarted = activity.Phase == ActivityPhase.Started;
        RemoveActivity(run, activity);
        var closed = timeoutType is null
            ? new HistoryEvent
            {
                EventType = EventType.ActivityTaskFailed,
                ActivityTaskFailedEventAttributes = new()
                {
                    Failure = failure,
                    ScheduledEventId = activity.ScheduledEventId,
                    Identity = identity,
                    RetryState = retryState,
                },
            }
            : new HistoryEvent
            {
                EventType = EventType.ActivityTaskTimedOut,
                ActivityTaskTimedOutEventAttributes = new()
                {
                    Failure = failure,
                    ScheduledEventId = activity.ScheduledEventId,
                    RetryState = retryState,
                },
            };
        AddWorkflowInput(run, wasStarted ? BufferedInput.Of(ActivityStartedEvent(activity), closed) : BufferedInput.Of(closed));
        KickForTimeSkipping();
    }

    private void OnActivityTimeout(WorkflowRun run, ActivityState activity, int attempt, TimeoutType timeoutType)
    {
        if (!IsPending(run, activity) || (timeoutType != TimeoutType.ScheduleToClose && activity.Attempt != attempt))
        {
            return;
        }

        var expectedPhase = timeoutType == TimeoutType.ScheduleToStart ? ActivityPhase.Scheduled : ActivityPhase.Started;
        if (timeoutType != TimeoutType.ScheduleToClose && activity.Phase != expectedPhase)
        {
            return;
        }

        var failure = new Failure
        {
            Message = $"activity {timeoutType} timeout",
            Source = "Server",
            TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = timeoutType, LastHeartbeatDetails = activity.HeartbeatDetails },
            Cause = timeoutType == TimeoutType.ScheduleToClose ? activity.LastFailure : null,
        };

        if (timeoutType is TimeoutType.StartToClose or TimeoutType.Heartbeat)
        {
            FailActivityAttempt(run, activity, failure, activity.StartedIdentity ?? "", timeoutType);
        }
        else
        {
            CloseActivityWithFailure(run, activity, failure, activity.StartedIdentity ?? "", timeoutType, RetryState.Timeout);
        }
    }

    /// <summary>
    /// RequestCancelActivityTask: an activity not yet running is cancelled at once (and the workflow needs a task to
    /// learn it); a running one is told through its next heartbeat. Returns true when a workflow task is needed.
    /// </summary>
    private bool RequestCancelActivity(WorkflowRun run, long completedEventId, long scheduledEventId)
    {
        var requested = run.AddEvent(EventType.ActivityTaskCancelRequested, Now);
        requested.ActivityTaskCancelRequestedEventAttributes = new()
        {
            ScheduledEventId = scheduledEventId,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        if (!run.Activities.TryGetValue(scheduledEventId, out var activity))
        {
            return false;
        }

        activity.CancelRequested = true;
        activity.CancelRequestedEventId = requested.EventId;
        if (activity.Phase == ActivityPhase.Started)
        {
            return false;
        }

        RemoveActivity(run, activity);
        run.AddEvent(EventType.ActivityTaskCanceled, Now).ActivityTaskCanceledEventAttributes = new()
        {
            LatestCancelRequestedEventId = requested.EventId,
            ScheduledEventId = scheduledEventId,
        };
        return true;
    }
}

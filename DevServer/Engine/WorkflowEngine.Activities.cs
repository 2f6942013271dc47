using Google.Protobuf;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
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
        if (scheduleToClose > TimeSpan.Zero)
        {
            activity.ScheduleToCloseTimer = ScheduleTimer(now + scheduleToClose, () => OnActivityTimeout(run, activity, 0, TimeoutType.ScheduleToClose));
        }

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
        var now = Now;
        activity.CancelAttemptTimers();
        activity.Phase = ActivityPhase.Scheduled;
        activity.AttemptScheduledTime = now;
        activity.StartedTime = null;
        var attempt = activity.Attempt;
        if (activity.ScheduleToStartTimeout > TimeSpan.Zero)
        {
            activity.AttemptTimers.Add(ScheduleTimer(now + activity.ScheduleToStartTimeout, () => OnActivityTimeout(run, activity, attempt, TimeoutType.ScheduleToStart)));
        }

        ActivityQueue(run.Namespace, activity.TaskQueue).Add(new ActivityTaskItem(run, activity, attempt));
    }

    public async Task<PollActivityTaskQueueResponse> PollActivityTaskQueueAsync(
        PollActivityTaskQueueRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        MatchingQueue<ActivityTaskItem> queue;
        lock (_gate)
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

            lock (_gate)
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
        activity.CancelAttemptTimers();
        activity.Phase = ActivityPhase.Started;
        activity.StartedTime = now;
        activity.StartedIdentity = identity;
        activity.StartedRequestId = Guid.NewGuid().ToString();
        activity.AttemptTimers.Add(ScheduleTimer(now + activity.StartToCloseTimeout, () => OnActivityTimeout(run, activity, attempt, TimeoutType.StartToClose)));
        ResetHeartbeatTimer(run, activity, now);

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
            activity.HeartbeatTimer = ScheduleTimer(now + activity.HeartbeatTimeout, () => OnActivityTimeout(run, activity, attempt, TimeoutType.Heartbeat));
        }
    }

    private static bool IsPending(WorkflowRun run, ActivityState activity) =>
        run.IsOpen && run.Activities.TryGetValue(activity.ScheduledEventId, out var current) && ReferenceEquals(current, activity);

    public RespondActivityTaskCompletedResponse RespondActivityTaskCompleted(RespondActivityTaskCompletedRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            CompleteActivity(run, activity, request.Result, request.Identity);
            return new RespondActivityTaskCompletedResponse();
        }
    }

    public RespondActivityTaskCompletedByIdResponse RespondActivityTaskCompletedById(RespondActivityTaskCompletedByIdRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            CompleteActivity(run, activity, request.Result, request.Identity);
            return new RespondActivityTaskCompletedByIdResponse();
        }
    }

    public RespondActivityTaskFailedResponse RespondActivityTaskFailed(RespondActivityTaskFailedRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            RecordHeartbeatDetails(activity, request.LastHeartbeatDetails);
            FailActivityAttempt(run, activity, request.Failure ?? new Failure { Message = "activity failed" }, request.Identity, timeoutType: null);
            return new RespondActivityTaskFailedResponse();
        }
    }

    public RespondActivityTaskFailedByIdResponse RespondActivityTaskFailedById(RespondActivityTaskFailedByIdRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            RecordHeartbeatDetails(activity, request.LastHeartbeatDetails);
            FailActivityAttempt(run, activity, request.Failure ?? new Failure { Message = "activity failed" }, request.Identity, timeoutType: null);
            return new RespondActivityTaskFailedByIdResponse();
        }
    }

    public RespondActivityTaskCanceledResponse RespondActivityTaskCanceled(RespondActivityTaskCanceledRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            CancelStartedActivity(run, activity, request.Details, request.Identity);
            return new RespondActivityTaskCanceledResponse();
        }
    }

    public RespondActivityTaskCanceledByIdResponse RespondActivityTaskCanceledById(RespondActivityTaskCanceledByIdRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            CancelStartedActivity(run, activity, request.Details, request.Identity);
            return new RespondActivityTaskCanceledByIdResponse();
        }
    }

    public RecordActivityTaskHeartbeatResponse RecordActivityTaskHeartbeat(RecordActivityTaskHeartbeatRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.TaskToken);
            return new RecordActivityTaskHeartbeatResponse { CancelRequested = Heartbeat(run, activity, request.Details) };
        }
    }

    public RecordActivityTaskHeartbeatByIdResponse RecordActivityTaskHeartbeatById(RecordActivityTaskHeartbeatByIdRequest request)
    {
        lock (_gate)
        {
            var (run, activity) = FindStartedActivity(request.Namespace, request.WorkflowId, request.RunId, request.ActivityId);
            return new RecordActivityTaskHeartbeatByIdResponse { CancelRequested = Heartbeat(run, activity, request.Details) };
        }
    }

    private bool Heartbeat(WorkflowRun run, ActivityState activity, Payloads? details)
    {
        var now = Now;
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

    /// <summary>ActivityTaskStarted as written at close: the last attempt, with the failure of the one before.</summary>
    private long AppendActivityStarted(WorkflowRun run, ActivityState activity)
    {
        var started = run.AddEvent(EventType.ActivityTaskStarted, Now);
        if (activity.StartedTime is { } startedTime)
        {
            started.EventTime = ToTimestamp(startedTime);
        }

        started.ActivityTaskStartedEventAttributes = new()
        {
            ScheduledEventId = activity.ScheduledEventId,
            Identity = activity.StartedIdentity ?? "",
            RequestId = activity.StartedRequestId ?? "",
            Attempt = activity.Attempt,
            LastFailure = activity.LastFailure,
        };
        return started.EventId;
    }

    private void CompleteActivity(WorkflowRun run, ActivityState activity, Payloads? result, string identity)
    {
        RemoveActivity(run, activity);
        AddWorkflowInput(run, () =>
        {
            var startedEventId = AppendActivityStarted(run, activity);
            run.AddEvent(EventType.ActivityTaskCompleted, Now).ActivityTaskCompletedEventAttributes = new()
            {
                Result = result,
                ScheduledEventId = activity.ScheduledEventId,
                StartedEventId = startedEventId,
                Identity = identity,
            };
        });
        KickForTimeSkipping();
    }

    private void CancelStartedActivity(WorkflowRun run, ActivityState activity, Payloads? details, string identity)
    {
        RemoveActivity(run, activity);
        AddWorkflowInput(run, () =>
        {
            var startedEventId = AppendActivityStarted(run, activity);
            run.AddEvent(EventType.ActivityTaskCanceled, Now).ActivityTaskCanceledEventAttributes = new()
            {
                Details = details,
                LatestCancelRequestedEventId = activity.CancelRequestedEventId,
                ScheduledEventId = activity.ScheduledEventId,
                StartedEventId = startedEventId,
                Identity = identity,
            };
        });
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
            var attempt = activity.Attempt;
            activity.AttemptTimers.Add(ScheduleTimer(now + delay, () =>
            {
                if (IsPending(run, activity) && activity.Phase == ActivityPhase.Backoff && activity.Attempt == attempt)
                {
                    QueueActivityAttempt(run, activity);
                }
            }));
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
        AddWorkflowInput(run, () =>
        {
            var startedEventId = wasStarted ? AppendActivityStarted(run, activity) : 0;
            if (timeoutType is null)
            {
                run.AddEvent(EventType.ActivityTaskFailed, Now).ActivityTaskFailedEventAttributes = new()
                {
                    Failure = failure,
                    ScheduledEventId = activity.ScheduledEventId,
                    StartedEventId = startedEventId,
                    Identity = identity,
                    RetryState = retryState,
                };
            }
            else
            {
                run.AddEvent(EventType.ActivityTaskTimedOut, Now).ActivityTaskTimedOutEventAttributes = new()
                {
                    Failure = failure,
                    ScheduledEventId = activity.ScheduledEventId,
                    StartedEventId = startedEventId,
                    RetryState = retryState,
                };
            }
        });
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

using Google.Protobuf.Collections;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Protocol.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>Turns the commands (and protocol messages) of a completed workflow task into history events.</summary>
internal sealed partial class WorkflowEngine
{
    /// <summary>At most this many activities start eagerly per workflow task (the real server's default).</summary>
    private const int MaxEagerActivities = 3;

    private static bool IsCloseCommand(Command command) => command.CommandType is
        CommandType.CompleteWorkflowExecution or CommandType.FailWorkflowExecution
        or CommandType.CancelWorkflowExecution or CommandType.ContinueAsNewWorkflowExecution;

    /// <summary>Checks all commands before any is applied, so a bad one fails the task without half-written events.</summary>
    private static (WorkflowTaskFailedCause Cause, string Message)? ValidateCommands(WorkflowRun run, RepeatedField<Command> commands)
    {
        var newActivityIds = new HashSet<string>();
        var newTimerIds = new HashSet<string>();
        foreach (var command in commands)
        {
            switch (command.CommandType)
            {
                case CommandType.ScheduleActivityTask:
                    var activity = command.ScheduleActivityTaskCommandAttributes;
                    if (activity is null || activity.ActivityId.Length == 0 || string.IsNullOrEmpty(activity.ActivityType?.Name))
                    {
                        return (WorkflowTaskFailedCause.BadScheduleActivityAttributes, "ActivityId or ActivityType is not set on ScheduleActivityTaskCommand.");
                    }

                    if (!newActivityIds.Add(activity.ActivityId) || run.Activities.Values.Any(a => a.ActivityId == activity.ActivityId))
                    {
                        return (WorkflowTaskFailedCause.BadScheduleActivityAttributes, $"Activity id {activity.ActivityId} is already in use.");
                    }

                    if (ToTimeSpan(activity.StartToCloseTimeout) <= TimeSpan.Zero && ToTimeSpan(activity.ScheduleToCloseTimeout) <= TimeSpan.Zero)
                    {
                        return (WorkflowTaskFailedCause.BadScheduleActivityAttributes, "A valid StartToClose or ScheduleToCloseTimeout is not set on ScheduleActivityTaskCommand.");
                    }

                    break;
                case CommandType.StartTimer:
                    var timer = command.StartTimerCommandAttributes;
                    if (timer is null || timer.TimerId.Length == 0 || ToTimeSpan(timer.StartToFireTimeout) <= TimeSpan.Zero)
                    {
                        return (WorkflowTaskFailedCause.BadStartTimerAttributes, "TimerId or a positive StartToFireTimeout is not set on StartTimerCommand.");
                    }

                    if (!newTimerIds.Add(timer.TimerId) || run.Timers.ContainsKey(timer.TimerId))
                    {
                        return (WorkflowTaskFailedCause.StartTimerDuplicateId, $"Timer id {timer.TimerId} is already in use.");
                    }

                    break;
                case CommandType.CancelTimer:
                    if (!run.Timers.ContainsKey(command.CancelTimerCommandAttributes?.TimerId ?? ""))
                    {
                        return (WorkflowTaskFailedCause.BadCancelTimerAttributes, "CancelTimer names no pending timer.");
                    }

                    break;
                case CommandType.RequestCancelActivityTask:
                case CommandType.CompleteWorkflowExecution:
                case CommandType.FailWorkflowExecution:
                case CommandType.CancelWorkflowExecution:
                case CommandType.ContinueAsNewWorkflowExecution:
                case CommandType.RecordMarker:
                case CommandType.UpsertWorkflowSearchAttributes:
                case CommandType.ModifyWorkflowProperties:
                case CommandType.ProtocolMessage:
                    break;
                default:
                    return (WorkflowTaskFailedCause.UnhandledCommand, $"Command {command.CommandType} is not supported by DevServer.");
            }
        }

        return null;
    }

    /// <summary>
    /// Applies the commands in order; returns true when their effects need another workflow task. Activities started
    /// eagerly are added to <paramref name="response"/>.
    /// </summary>
    private bool ApplyCommands(
        WorkflowRun run, long completedEventId, RespondWorkflowTaskCompletedRequest request, RespondWorkflowTaskCompletedResponse response)
    {
        var messages = request.Messages.ToDictionary(m => m.Id);
        var needsWorkflowTask = false;
        foreach (var command in request.Commands)
        {
            if (!run.IsOpen)
            {
                break;
            }

            switch (command.CommandType)
            {
                case CommandType.ScheduleActivityTask:
                    var eager = ScheduleActivity(
                        run, completedEventId, command.ScheduleActivityTaskCommandAttributes, request.Identity, response.ActivityTasks.Count < MaxEagerActivities);
                    if (eager is not null)
                    {
                        response.ActivityTasks.Add(eager);
                    }

                    break;
                case CommandType.RequestCancelActivityTask:
                    needsWorkflowTask |= RequestCancelActivity(run, completedEventId, command.RequestCancelActivityTaskCommandAttributes.ScheduledEventId);
                    break;
                case CommandType.StartTimer:
                    StartUserTimer(run, completedEventId, command.StartTimerCommandAttributes);
                    break;
                case CommandType.CancelTimer:
                    CancelUserTimer(run, completedEventId, command.CancelTimerCommandAttributes.TimerId, request.Identity);
                    break;
                case CommandType.RecordMarker:
                    var marker = command.RecordMarkerCommandAttributes;
                    run.AddEvent(EventType.MarkerRecorded, Now).MarkerRecordedEventAttributes = new()
                    {
                        MarkerName = marker.MarkerName,
                        Details = { marker.Details },
                        Header = marker.Header,
                        Failure = marker.Failure,
                        WorkflowTaskCompletedEventId = completedEventId,
                    };
                    break;
                case CommandType.UpsertWorkflowSearchAttributes:
                    var upsert = command.UpsertWorkflowSearchAttributesCommandAttributes.SearchAttributes ?? new SearchAttributes();
                    foreach (var field in upsert.IndexedFields)
                    {
                        run.SearchAttributes.IndexedFields[field.Key] = field.Value;
                    }

                    run.AddEvent(EventType.UpsertWorkflowSearchAttributes, Now).UpsertWorkflowSearchAttributesEventAttributes = new()
                    {
                        SearchAttributes = upsert,
                        WorkflowTaskCompletedEventId = completedEventId,
                    };
                    break;
                case CommandType.ModifyWorkflowProperties:
                    var memo = command.ModifyWorkflowPropertiesCommandAttributes.UpsertedMemo ?? new Memo();
                    foreach (var field in memo.Fields)
                    {
                        run.Memo.Fields[field.Key] = field.Value;
                    }

                    run.AddEvent(EventType.WorkflowPropertiesModified, Now).WorkflowPropertiesModifiedEventAttributes = new()
                    {
                        UpsertedMemo = memo,
                        WorkflowTaskCompletedEventId = completedEventId,
                    };
                    break;
                case CommandType.ProtocolMessage:
                    if (messages.Remove(command.ProtocolMessageCommandAttributes.MessageId, out var message))
                    {
                        ApplyUpdateMessage(run, message);
                    }

                    break;
                case CommandType.CompleteWorkflowExecution:
                    run.AddEvent(EventType.WorkflowExecutionCompleted, Now).WorkflowExecutionCompletedEventAttributes = new()
                    {
                        Result = command.CompleteWorkflowExecutionCommandAttributes.Result,
                        WorkflowTaskCompletedEventId = completedEventId,
                    };
                    CloseRun(run, WorkflowExecutionStatus.Completed);
                    break;
                case CommandType.FailWorkflowExecution:
                    run.AddEvent(EventType.WorkflowExecutionFailed, Now).WorkflowExecutionFailedEventAttributes = new()
                    {
                        Failure = command.FailWorkflowExecutionCommandAttributes.Failure,
                        RetryState = RetryState.RetryPolicyNotSet,
                        WorkflowTaskCompletedEventId = completedEventId,
                    };
                    CloseRun(run, WorkflowExecutionStatus.Failed);
                    break;
                case CommandType.CancelWorkflowExecution:
                    run.AddEvent(EventType.WorkflowExecutionCanceled, Now).WorkflowExecutionCanceledEventAttributes = new()
                    {
                        Details = command.CancelWorkflowExecutionCommandAttributes.Details,
                        WorkflowTaskCompletedEventId = completedEventId,
                    };
                    CloseRun(run, WorkflowExecutionStatus.Canceled);
                    break;
                case CommandType.ContinueAsNewWorkflowExecution:
                    ContinueAsNew(run, completedEventId, command.ContinueAsNewWorkflowExecutionCommandAttributes, request.Identity);
                    break;
            }
        }

        // Messages no command placed (rejections need no event) are applied after the commands.
        foreach (var message in request.Messages.Where(m => messages.ContainsKey(m.Id) && run.IsOpen))
        {
            ApplyUpdateMessage(run, message);
        }

        return needsWorkflowTask;
    }

    private void ApplyUpdateMessage(WorkflowRun run, Message message)
    {
        if (!run.Updates.TryGetValue(message.ProtocolInstanceId, out var update) || message.Body is null)
        {
            return;
        }

        if (message.Body.TryUnpack<Acceptance>(out var acceptance))
        {
            var accepted = run.AddEvent(EventType.WorkflowExecutionUpdateAccepted, Now);
            accepted.WorkflowExecutionUpdateAcceptedEventAttributes = new()
            {
                ProtocolInstanceId = update.UpdateId,
                AcceptedRequestMessageId = acceptance.AcceptedRequestMessageId,
                AcceptedRequestSequencingEventId = acceptance.AcceptedRequestSequencingEventId,
                AcceptedRequest = acceptance.AcceptedRequest ?? update.Request,
            };
            update.MarkAccepted(accepted.EventId);
        }
        else if (message.Body.TryUnpack<Rejection>(out var rejection))
        {
            update.MarkCompleted(new Outcome { Failure = rejection.Failure });
        }
        else if (message.Body.TryUnpack<Response>(out var response))
        {
            run.AddEvent(EventType.WorkflowExecutionUpdateCompleted, Now).WorkflowExecutionUpdateCompletedEventAttributes = new()
            {
                Meta = response.Meta ?? new Meta { UpdateId = update.UpdateId },
                AcceptedEventId = update.AcceptedEventId,
                Outcome = response.Outcome,
            };
            update.MarkCompleted(response.Outcome);
        }
    }

    private void StartUserTimer(WorkflowRun run, long completedEventId, StartTimerCommandAttributes attributes)
    {
        var now = Now;
        var started = run.AddEvent(EventType.TimerStarted, now);
        started.TimerStartedEventAttributes = new()
        {
            TimerId = attributes.TimerId,
            StartToFireTimeout = attributes.StartToFireTimeout,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        var timer = new UserTimerState { TimerId = attributes.TimerId, StartedEventId = started.EventId, Due = now + attributes.StartToFireTimeout.ToTimeSpan() };
        run.Timers[timer.TimerId] = timer;
        ArmUserTimer(run, timer);
    }

    private void ArmUserTimer(WorkflowRun run, UserTimerState timer)
    {
        var timerId = timer.TimerId;
        timer.Deadline = ScheduleTimer(run, timer.Due, () => OnUserTimerFired(run, timerId));
    }

    private void OnUserTimerFired(WorkflowRun run, string timerId)
    {
        if (!run.IsOpen || !run.Timers.TryGetValue(timerId, out var timer) || timer.FiredWhileBuffered)
        {
            return;
        }

        if (run.WorkflowTask.Phase == WorkflowTaskPhase.Started)
        {
            timer.FiredWhileBuffered = true;
        }

        AddWorkflowInput(run, new BufferedInput
        {
            FiredTimerId = timerId,
            Events =
            [
                new HistoryEvent
                {
                    EventType = EventType.TimerFired,
                    TimerFiredEventAttributes = new() { TimerId = timerId, StartedEventId = timer.StartedEventId },
                },
            ],
        });
    }

    private void CancelUserTimer(WorkflowRun run, long completedEventId, string timerId, string identity)
    {
        if (!run.Timers.Remove(timerId, out var timer))
        {
            return;
        }

        timer.Deadline?.Cancel();
        run.AddEvent(EventType.TimerCanceled, Now).TimerCanceledEventAttributes = new()
        {
            TimerId = timerId,
            StartedEventId = timer.StartedEventId,
            WorkflowTaskCompletedEventId = completedEventId,
            Identity = identity,
        };
    }

    private void ContinueAsNew(WorkflowRun run, long completedEventId, ContinueAsNewWorkflowExecutionCommandAttributes attributes, string identity)
    {
        var nextRunId = Guid.NewGuid().ToString();
        var workflowType = string.IsNullOrEmpty(attributes.WorkflowType?.Name) ? run.WorkflowType : attributes.WorkflowType.Name;
        var taskQueue = string.IsNullOrEmpty(attributes.TaskQueue?.Name) ? run.TaskQueue : attributes.TaskQueue.Name;
        var runTimeout = ToTimeSpan(attributes.WorkflowRunTimeout) > TimeSpan.Zero ? ToTimeSpan(attributes.WorkflowRunTimeout) : run.RunTimeout;
        var taskTimeout = ToTimeSpan(attributes.WorkflowTaskTimeout) > TimeSpan.Zero ? ToTimeSpan(attributes.WorkflowTaskTimeout) : run.WorkflowTaskTimeout;
        run.AddEvent(EventType.WorkflowExecutionContinuedAsNew, Now).WorkflowExecutionContinuedAsNewEventAttributes = new()
        {
            NewExecutionRunId = nextRunId,
            WorkflowType = new WorkflowType { Name = workflowType },
            TaskQueue = NormalQueue(taskQueue),
            Input = attributes.Input,
            WorkflowRunTimeout = ToDuration(runTimeout),
            WorkflowTaskTimeout = ToDuration(taskTimeout),
            WorkflowTaskCompletedEventId = completedEventId,
            BackoffStartInterval = attributes.BackoffStartInterval,
            Initiator = attributes.Initiator,
            LastCompletionResult = attributes.LastCompletionResult,
            Header = attributes.Header,
            Memo = attributes.Memo,
            SearchAttributes = attributes.SearchAttributes,
        };
        run.ContinuedAsNewRunId = nextRunId;
        CloseRun(run, WorkflowExecutionStatus.ContinuedAsNew);

        CreateRun(
            new RunStart
            {
                Namespace = _namespaces.Get(run.Namespace),
                WorkflowId = run.WorkflowId,
                WorkflowType = workflowType,
                TaskQueue = taskQueue,
                Input = attributes.Input,
                Header = attributes.Header,
                Memo = attributes.Memo ?? run.Memo,
                SearchAttributes = attributes.SearchAttributes ?? run.SearchAttributes,
                RunTimeout = runTimeout,
                ExecutionTimeout = run.ExecutionTimeout,
                WorkflowTaskTimeout = taskTimeout,
                StartDelay = ToTimeSpan(attributes.BackoffStartInterval),
                Identity = identity,
                RetryPolicy = attributes.RetryPolicy,
                ContinuedFromRunId = run.RunId,
                FirstExecutionRunId = run.FirstExecutionRunId,
                ExecutionExpiration = run.ExecutionExpiration,
                ContinuedFailure = attributes.Failure,
                LastCompletionResult = attributes.LastCompletionResult,
                Initiator = attributes.Initiator,
            },
            afterStarted: null,
            runId: nextRunId);
    }
}

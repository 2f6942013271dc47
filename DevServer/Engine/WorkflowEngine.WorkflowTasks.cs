using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Protocol.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>The workflow task cycle: poll (start), complete, fail, time out; sticky queues; worker shutdown.</summary>
internal sealed partial class WorkflowEngine
{
    private static readonly TimeSpan DefaultStickyScheduleToStart = TimeSpan.FromSeconds(5);

    public async Task<PollWorkflowTaskQueueResponse> PollWorkflowTaskQueueAsync(
        PollWorkflowTaskQueueRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        MatchingQueue<WorkflowQueueItem> queue;
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            RpcErrors.Require(!string.IsNullOrEmpty(request.TaskQueue?.Name), "TaskQueue is not set on request.");
            queue = WorkflowQueue(request.Namespace, request.TaskQueue!.Name);
        }

        var until = DateTime.UtcNow + budget;
        while (true)
        {
            var remaining = until - DateTime.UtcNow;
            var item = await TakeAsync(queue, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellation);
            if (item is null)
            {
                return new PollWorkflowTaskQueueResponse();
            }

            using (EnterGate())
            {
                var response = item switch
                {
                    WorkflowTaskItem task => TryStartWorkflowTask(task, request.Identity),
                    QueryTaskItem query => TryStartQueryTask(query),
                    _ => null,
                };
                if (response is not null)
                {
                    return response;
                }
            }
        }
    }

    /// <summary>Writes WorkflowTaskStarted and builds the poll response; null when the queue entry went stale.</summary>
    private PollWorkflowTaskQueueResponse? TryStartWorkflowTask(WorkflowTaskItem item, string identity)
    {
        var run = item.Run;
        var task = run.WorkflowTask;
        if (!run.IsOpen || task.Phase != WorkflowTaskPhase.Scheduled || task.Generation != item.Generation)
        {
            return null;
        }

        if (run.QueriesAtWorker.Count > 0)
        {
            // Never a workflow task to the worker while it answers query tasks of the run (see QueriesAtWorker).
            task.HeldForQueries = true;
            return null;
        }

        task.HeldForQueries = false;
        var now = Now;
        var started = run.AddEvent(EventType.WorkflowTaskStarted, now);
        started.WorkflowTaskStartedEventAttributes = new()
        {
            ScheduledEventId = task.ScheduledEventId,
            Identity = identity,
            RequestId = Guid.NewGuid().ToString(),
            HistorySizeBytes = run.HistorySizeBytes(),
        };
        task.Phase = WorkflowTaskPhase.Started;
        task.StartedEventId = started.EventId;
        task.StartedTime = now;
        task.Timeout?.Cancel();
        var scheduledEventId = task.ScheduledEventId;
        task.Timeout = ScheduleTimer(run, now + run.WorkflowTaskTimeout, () => OnWorkflowTaskTimeout(run, scheduledEventId));

        var response = new PollWorkflowTaskQueueResponse
        {
            TaskToken = TaskTokens.WorkflowTask(run.RunId, task.ScheduledEventId, task.Attempt),
            WorkflowExecution = run.Execution,
            WorkflowType = new WorkflowType { Name = run.WorkflowType },
            PreviousStartedEventId = run.PreviousStartedEventId,
            StartedEventId = started.EventId,
            Attempt = task.Attempt,
            History = new History(),
            WorkflowExecutionTaskQueue = NormalQueue(run.TaskQueue),
            ScheduledTime = ToTimestamp(task.ScheduledTime),
            StartedTime = ToTimestamp(now),
        };

        // A sticky worker has the run cached: send only what it has not seen (from its last started event on).
        var firstIndex = task.OnStickyQueue ? (int)run.PreviousStartedEventId : 0;
        response.History.Events.AddRange(run.History.Skip(firstIndex));

        foreach (var update in run.UndeliveredUpdates.ToList())
        {
            response.Messages.Add(new Message
            {
                Id = update.RequestMessageId,
                ProtocolInstanceId = update.UpdateId,
                EventId = started.EventId - 1,
                Body = Any.Pack(update.Request),
            });
            update.Delivered = true;
            task.DeliveredUpdateIds.Add(update.UpdateId);
        }

        return response;
    }

    public RespondWorkflowTaskCompletedResponse RespondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest request)
    {
        using (EnterGate())
        {
            var run = FindStartedWorkflowTask(request.TaskToken);
            var task = run.WorkflowTask;
            var invalid = ValidateCommands(run, request.Commands);
            if (invalid is not null)
            {
                FailWorkflowTask(run, invalid.Value.Cause, invalid.Value.Message, request.Identity);
                throw RpcErrors.InvalidArgument(invalid.Value.Message);
            }

            // A workflow cannot close while events it has not seen wait: fail the task, the worker replays with them.
            if (request.Commands.Any(IsCloseCommand) && (run.BufferedEvents.Count > 0 || run.UndeliveredUpdates.Any()))
            {
                const string message = "UnhandledCommand: new events arrived while the workflow task that closes the workflow ran.";
                FailWorkflowTask(run, WorkflowTaskFailedCause.UnhandledCommand, message, request.Identity, countsAsAttempt: false);
                throw RpcErrors.InvalidArgument(message);
            }

            var completed = run.AddEvent(EventType.WorkflowTaskCompleted, Now);
            completed.WorkflowTaskCompletedEventAttributes = new()
            {
                ScheduledEventId = task.ScheduledEventId,
                StartedEventId = task.StartedEventId,
                Identity = request.Identity,
                SdkMetadata = request.SdkMetadata,
                MeteringMetadata = request.MeteringMetadata,
            };
            run.PreviousStartedEventId = task.StartedEventId;
            task.Phase = WorkflowTaskPhase.None;
            task.Timeout?.Cancel();
            task.Timeout = null;
            task.Attempt = 1;
            ReleaseDeliveredUpdates(run);

            var sticky = request.StickyAttributes?.WorkerTaskQueue?.Name;
            run.StickyQueue = string.IsNullOrEmpty(sticky) ? null : sticky;
            var stickyTimeout = ToTimeSpan(request.StickyAttributes?.ScheduleToStartTimeout);
            run.StickyScheduleToStartTimeout = stickyTimeout > TimeSpan.Zero ? stickyTimeout : DefaultStickyScheduleToStart;

            var response = new RespondWorkflowTaskCompletedResponse();
            var needsWorkflowTask = ApplyCommands(run, completed.EventId, request, response);
            needsWorkflowTask |= FlushBufferedEvents(run) > 0;
            needsWorkflowTask |= request.ForceCreateNewWorkflowTask || run.UndeliveredUpdates.Any();
            if (run.IsOpen && needsWorkflowTask)
            {
                ScheduleWorkflowTask(run);
            }

            if (run.WorkflowTask.Phase == WorkflowTaskPhase.None)
            {
                DispatchPendingQueries(run);
            }

            KickForTimeSkipping();
            return response;
        }
    }

    public RespondWorkflowTaskFailedResponse RespondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest request)
    {
        using (EnterGate())
        {
            var run = FindStartedWorkflowTask(request.TaskToken);
            var task = run.WorkflowTask;
            run.AddEvent(EventType.WorkflowTaskFailed, Now).WorkflowTaskFailedEventAttributes = new()
            {
                ScheduledEventId = task.ScheduledEventId,
                StartedEventId = task.StartedEventId,
                Cause = request.Cause,
                Failure = request.Failure,
                Identity = request.Identity,
            };

            // A sticky cache miss is not the workflow's fault: the retry starts over at attempt 1.
            RetryWorkflowTask(run, countsAsAttempt: request.Cause != WorkflowTaskFailedCause.ResetStickyTaskQueue);
            return new RespondWorkflowTaskFailedResponse();
        }
    }

    /// <summary>Worker shutdown: its sticky queue gets no more pollers, so tasks waiting there move to the normal queue.</summary>
    public ShutdownWorkerResponse ShutdownWorker(ShutdownWorkerRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            if (request.StickyTaskQueue.Length > 0)
            {
                foreach (var run in _openRuns.Where(r => r.StickyQueue == request.StickyTaskQueue).ToList())
                {
                    run.StickyQueue = null;
                    if (run.WorkflowTask.Phase == WorkflowTaskPhase.Scheduled && run.WorkflowTask.OnStickyQueue)
                    {
                        DispatchWorkflowTask(run);
                    }
                }
            }

            return new ShutdownWorkerResponse();
        }
    }

    private WorkflowRun FindStartedWorkflowTask(Google.Protobuf.ByteString taskToken)
    {
        var (runId, scheduledEventId, attempt) = TaskTokens.Decode(taskToken, "wft");
        if (!_runsById.TryGetValue(runId, out var run))
        {
            throw RpcErrors.NotFound("Workflow task not found.");
        }

        if (!run.IsOpen)
        {
            throw RpcErrors.WorkflowCompleted();
        }

        var task = run.WorkflowTask;
        if (task.Phase != WorkflowTaskPhase.Started || task.ScheduledEventId != scheduledEventId || task.Attempt != attempt)
        {
            throw RpcErrors.NotFound("Workflow task not found.");
        }

        return run;
    }

    private void FailWorkflowTask(
        WorkflowRun run, WorkflowTaskFailedCause cause, string message, string identity, bool countsAsAttempt = true)
    {
        var task = run.WorkflowTask;
        run.AddEvent(EventType.WorkflowTaskFailed, Now).WorkflowTaskFailedEventAttributes = new()
        {
            ScheduledEventId = task.ScheduledEventId,
            StartedEventId = task.StartedEventId,
            Cause = cause,
            Failure = new Failure { Message = message, Source = "DevServer", ServerFailureInfo = new ServerFailureInfo() },
            Identity = identity,
        };
        RetryWorkflowTask(run, countsAsAttempt);
    }

    private void OnWorkflowTaskTimeout(WorkflowRun run, long scheduledEventId)
    {
        var task = run.WorkflowTask;
        if (!run.IsOpen || task.Phase != WorkflowTaskPhase.Started || task.ScheduledEventId != scheduledEventId)
        {
            return;
        }

        run.AddEvent(EventType.WorkflowTaskTimedOut, Now).WorkflowTaskTimedOutEventAttributes = new()
        {
            ScheduledEventId = task.ScheduledEventId,
            StartedEventId = task.StartedEventId,
            TimeoutType = TimeoutType.StartToClose,
        };
        RetryWorkflowTask(run, countsAsAttempt: true);
    }
}

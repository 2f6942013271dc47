using FoodDelivery.DevServer.Persistence;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using ProtoTaskQueue = Temporalio.Api.TaskQueue.V1.TaskQueue;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// The in-memory workflow engine behind the WorkflowService RPCs. One lock guards all state: calls are short and
/// never wait while holding it (long polls wait on tasks outside the lock). This file holds the shared plumbing:
/// lookups, the workflow-task cycle, event buffering and closing a run. The RPC groups live in the partial files.
/// </summary>
internal sealed partial class WorkflowEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly EngineStore? _store;
    private readonly EngineClock _clock = new();
    private readonly TimerQueue _timers = new();
    private readonly NamespaceRegistry _namespaces = new();
    private readonly DevServerOptions _options;
    private readonly Dictionary<(string Namespace, string WorkflowId), List<WorkflowRun>> _runsByWorkflowId = [];
    private readonly Dictionary<string, WorkflowRun> _runsById = new(StringComparer.Ordinal);
    private readonly HashSet<WorkflowRun> _openRuns = [];
    private readonly LinkedList<WorkflowRun> _closedRuns = new();
    private readonly Dictionary<(string Namespace, string Name), MatchingQueue<WorkflowQueueItem>> _workflowQueues = [];
    private readonly Dictionary<(string Namespace, string Name), MatchingQueue<ActivityTaskItem>> _activityQueues = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Creates the engine; with <see cref="DevServerOptions.DbFileName"/> it loads that file (refusing a corrupt or
    /// foreign one with <see cref="DevServerFileException"/>) and resumes where the engine stopped.
    /// </summary>
    public WorkflowEngine(DevServerOptions options)
    {
        _options = options;
        _store = options.DbFileName is { } file ? EngineStore.Open(file) : null;
        try
        {
            using (EnterGate())
            {
                if (_store is not null)
                {
                    Restore(_store.Load());
                }

                if (!_namespaces.Contains(options.Namespace))
                {
                    RegisterNamespaceEntry(options.Namespace, "DevServer default namespace", options.ClosedWorkflowRetention);
                }
            }
        }
        catch
        {
            _store?.Dispose();
            throw;
        }

        _schedulerLoop = Task.Run(RunSchedulerAsync);
    }

    public DateTime UtcNow => _clock.UtcNow;

    public void Dispose()
    {
        _stopping.Cancel();
        Kick();
        try
        {
            _schedulerLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing else to report at shutdown.
        }

        CloseStore();
        _stopping.Dispose();
    }

    private DateTime Now => _clock.UtcNow;

    private static Timestamp ToTimestamp(DateTime time) => Timestamp.FromDateTime(time);

    private static Duration? ToDuration(TimeSpan value) => value > TimeSpan.Zero ? Duration.FromTimeSpan(value) : null;

    private static TimeSpan ToTimeSpan(Duration? value) => value?.ToTimeSpan() ?? TimeSpan.Zero;

    private static ProtoTaskQueue NormalQueue(string name) => new() { Name = name, Kind = TaskQueueKind.Normal };

    /// <summary>Arms a deadline of <paramref name="run"/>; when it fires the run counts as changed.</summary>
    private ScheduledTimer ScheduleTimer(WorkflowRun run, DateTime due, Action callback)
    {
        Touch(run);
        var timer = _timers.Schedule(due, run, callback);
        if (due < _plannedWakeUp || _options.TimeSkipping != TimeSkippingMode.Disabled)
        {
            _plannedWakeUp = due;
            Kick();
        }

        return timer;
    }

    private MatchingQueue<WorkflowQueueItem> WorkflowQueue(string @namespace, string name)
    {
        if (!_workflowQueues.TryGetValue((@namespace, name), out var queue))
        {
            queue = new MatchingQueue<WorkflowQueueItem>();
            _workflowQueues[(@namespace, name)] = queue;
        }

        return queue;
    }

    private MatchingQueue<ActivityTaskItem> ActivityQueue(string @namespace, string name)
    {
        if (!_activityQueues.TryGetValue((@namespace, name), out var queue))
        {
            queue = new MatchingQueue<ActivityTaskItem>();
            _activityQueues[(@namespace, name)] = queue;
        }

        return queue;
    }

    /// <summary>The run named by id, or the latest run of the workflow id when no run id is given.</summary>
    private WorkflowRun FindRun(string @namespace, string? workflowId, string? runId)
    {
        RpcErrors.Require(!string.IsNullOrEmpty(workflowId), "WorkflowId is not set on request.");
        runId ??= "";
        if (runId.Length > 0)
        {
            if (_runsById.TryGetValue(runId, out var byId) && byId.Namespace == @namespace && byId.WorkflowId == workflowId)
            {
                return byId;
            }

            if (!Guid.TryParse(runId, out _))
            {
                throw RpcErrors.InvalidArgument("Invalid RunId.");
            }

            throw RpcErrors.WorkflowNotFound(workflowId!, runId);
        }

        return LatestRun(@namespace, workflowId!) ?? throw RpcErrors.WorkflowNotFound(workflowId!, runId);
    }

    private WorkflowRun? LatestRun(string @namespace, string workflowId) =>
        _runsByWorkflowId.TryGetValue((@namespace, workflowId), out var runs) && runs.Count > 0 ? runs[^1] : null;

    private WorkflowRun FindOpenRun(string @namespace, string? workflowId, string? runId)
    {
        var run = FindRun(@namespace, workflowId, runId);
        return run.IsOpen ? run : throw RpcErrors.WorkflowCompleted();
    }

    /// <summary>
    /// Appends events the workflow must react to. While a workflow task is in flight they wait in the buffer (a task
    /// is Scheduled, Started, then Completed or Failed with nothing in between); otherwise they are written now and a
    /// workflow task is scheduled if none is.
    /// </summary>
    private void AddWorkflowInput(WorkflowRun run, BufferedInput input)
    {
        Touch(run);
        if (run.WorkflowTask.Phase == WorkflowTaskPhase.Started)
        {
            run.BufferedEvents.Add(input);
            return;
        }

        AppendInput(run, input);
        if (run.WorkflowTask.Phase == WorkflowTaskPhase.None && run.IsOpen)
        {
            ScheduleWorkflowTask(run);
        }
    }

    private int FlushBufferedEvents(WorkflowRun run)
    {
        var buffered = run.BufferedEvents.ToList();
        run.BufferedEvents.Clear();
        foreach (var input in buffered)
        {
            AppendInput(run, input);
        }

        return buffered.Count;
    }

    /// <summary>Writes an input's events; an activity close event points at the ActivityTaskStarted written before it.</summary>
    private void AppendInput(WorkflowRun run, BufferedInput input)
    {
        if (input.FiredTimerId is { } timerId && !run.Timers.Remove(timerId))
        {
            return; // cancelled by the workflow task that ran while the TimerFired waited
        }

        long activityStartedEventId = 0;
        foreach (var template in input.Events)
        {
            var written = run.AppendEvent(template, Now);
            if (written.EventType == EventType.ActivityTaskStarted)
            {
                activityStartedEventId = written.EventId;
            }
            else if (activityStartedEventId > 0)
            {
                BufferedInput.LinkActivityStarted(written, activityStartedEventId);
            }
        }
    }

    private void ScheduleWorkflowTask(WorkflowRun run)
    {
        var task = run.WorkflowTask;
        var now = Now;
        var scheduled = run.AddEvent(EventType.WorkflowTaskScheduled, now);
        scheduled.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = run.StickyQueue is { } sticky
                ? new ProtoTaskQueue { Name = sticky, Kind = TaskQueueKind.Sticky, NormalName = run.TaskQueue }
                : NormalQueue(run.TaskQueue),
            StartToCloseTimeout = Duration.FromTimeSpan(run.WorkflowTaskTimeout),
            Attempt = task.Attempt,
        };
        task.Phase = WorkflowTaskPhase.Scheduled;
        task.ScheduledEventId = scheduled.EventId;
        task.ScheduledTime = now;
        DispatchWorkflowTask(run);
    }

    /// <summary>Puts the scheduled workflow task on the sticky queue (with a fallback deadline) or the normal queue.</summary>
    private void DispatchWorkflowTask(WorkflowRun run)
    {
        var task = run.WorkflowTask;
        task.Generation++;
        task.Timeout?.Cancel();
        task.Timeout = null;
        if (run.StickyQueue is { } sticky)
        {
            task.OnStickyQueue = true;
            var generation = task.Generation;
            task.Timeout = ScheduleTimer(run, Now + run.StickyScheduleToStartTimeout, () => OnStickyScheduleToStartTimeout(run, generation));
            WorkflowQueue(run.Namespace, sticky).Add(new WorkflowTaskItem(run, task.Generation));
        }
        else
        {
            task.OnStickyQueue = false;
            WorkflowQueue(run.Namespace, run.TaskQueue).Add(new WorkflowTaskItem(run, task.Generation));
        }
    }

    /// <summary>The sticky worker did not pick the task up in time (gone or stuck): give it to any worker, with full history.</summary>
    private void OnStickyScheduleToStartTimeout(WorkflowRun run, long generation)
    {
        var task = run.WorkflowTask;
        if (run.IsOpen && task.Phase == WorkflowTaskPhase.Scheduled && task.Generation == generation && task.OnStickyQueue)
        {
            run.StickyQueue = null;
            DispatchWorkflowTask(run);
        }
    }

    /// <summary>
    /// Ends a workflow task that failed or timed out (its event is written): the next attempt goes to the normal
    /// queue with full history, and whatever arrived meanwhile is appended first.
    /// </summary>
    private void RetryWorkflowTask(WorkflowRun run, bool countsAsAttempt)
    {
        var task = run.WorkflowTask;
        task.Phase = WorkflowTaskPhase.None;
        task.Timeout?.Cancel();
        task.Timeout = null;
        task.Attempt = countsAsAttempt ? task.Attempt + 1 : 1;
        run.StickyQueue = null;
        ReleaseDeliveredUpdates(run);
        FlushBufferedEvents(run);
        if (run.IsOpen)
        {
            ScheduleWorkflowTask(run);
        }
    }

    private static void ReleaseDeliveredUpdates(WorkflowRun run)
    {
        foreach (var update in run.Updates.Values.Where(u => u.Delivered && u.Stage == UpdateWorkflowExecutionLifecycleStage.Admitted))
        {
            update.Delivered = false;
        }

        run.WorkflowTask.DeliveredUpdateIds.Clear();
    }

    /// <summary>
    /// Writes the events that end an in-flight workflow task before a forced close (terminate, timeout), then the
    /// buffered events, so the close event is the last one.
    /// </summary>
    private void PrepareForcedClose(WorkflowRun run)
    {
        var task = run.WorkflowTask;
        if (task.Phase == WorkflowTaskPhase.Started)
        {
            run.AddEvent(EventType.WorkflowTaskFailed, Now).WorkflowTaskFailedEventAttributes = new()
            {
                ScheduledEventId = task.ScheduledEventId,
                StartedEventId = task.StartedEventId,
                Cause = WorkflowTaskFailedCause.ForceCloseCommand,
            };
        }

        task.Phase = WorkflowTaskPhase.None;
        FlushBufferedEvents(run);
    }

    /// <summary>Marks the run closed (its close event is written) and releases everything it held.</summary>
    private void CloseRun(WorkflowRun run, WorkflowExecutionStatus status)
    {
        var now = Now;
        run.Status = status;
        run.CloseTime = now;
        run.CloseEvent = run.History[^1];
        run.RunTimeoutTimer?.Cancel();
        run.StartDelayTimer?.Cancel();
        run.WorkflowTask.Timeout?.Cancel();
        run.WorkflowTask.Phase = WorkflowTaskPhase.None;
        run.BufferedEvents.Clear();
        foreach (var activity in run.Activities.Values)
        {
            activity.CancelAllTimers();
        }

        run.Activities.Clear();
        foreach (var timer in run.Timers.Values)
        {
            timer.Deadline?.Cancel();
        }

        run.Timers.Clear();
        run.PackHistory();
        run.SignalClosed();
        foreach (var update in run.Updates.Values.Where(u => u.Stage != UpdateWorkflowExecutionLifecycleStage.Completed))
        {
            update.Abort("workflow execution already completed");
        }

        DispatchPendingQueries(run);
        _openRuns.Remove(run);
        _closedRuns.AddLast(run);
        EnforceRetention(now);
        KickForTimeSkipping();
    }

    /// <summary>Drops the oldest closed runs beyond the configured count or age, so memory stays bounded.</summary>
    private void EnforceRetention(DateTime now)
    {
        while (_closedRuns.First is { } oldest
            && (_closedRuns.Count > _options.MaxClosedWorkflows || oldest.Value.CloseTime < now - _options.ClosedWorkflowRetention))
        {
            _closedRuns.RemoveFirst();
            var run = oldest.Value;
            _runsById.Remove(run.RunId);
            ForgetInStore(run);
            if (_runsByWorkflowId.TryGetValue((run.Namespace, run.WorkflowId), out var runs))
            {
                runs.Remove(run);
                if (runs.Count == 0)
                {
                    _runsByWorkflowId.Remove((run.Namespace, run.WorkflowId));
                }
            }
        }
    }
}

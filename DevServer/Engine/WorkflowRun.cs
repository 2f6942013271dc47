using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// The mutable state of one workflow run. The history is the source of truth; everything else (pending activities,
/// timers, the current workflow task, updates) is what the history implies plus the small queue and timer state
/// that a store would keep beside it. Guarded by the engine lock.
/// </summary>
internal sealed class WorkflowRun
{
    private List<HistoryEvent>? _events = [];
    private ByteString? _packedHistory;
    private int _historyLength;
    private TaskCompletionSource? _historyChanged;
    private TaskCompletionSource? _closed;
    private int _sizedEventCount;
    private long _historySizeBytes;
    private readonly Action<WorkflowRun>? _changed;

    /// <param name="changed">Called on every appended event (the engine's store tracks changed runs with it).</param>
    public WorkflowRun(string @namespace, string workflowId, string runId, string workflowType, string taskQueue, Action<WorkflowRun>? changed = null)
    {
        _changed = changed;
        Namespace = @namespace;
        WorkflowId = workflowId;
        RunId = runId;
        WorkflowType = workflowType;
        TaskQueue = taskQueue;
        Execution = new WorkflowExecution { WorkflowId = workflowId, RunId = runId };
    }

    public string Namespace { get; }

    /// <summary>Creation order of runs in the engine (a store keeps it, so runs of one workflow id reload in order).</summary>
    public long Sequence { get; set; }

    /// <summary>How many events of the history a store has saved already (only the rest is written next).</summary>
    public int PersistedEventCount { get; set; }

    public string WorkflowId { get; }

    public string RunId { get; }

    public string WorkflowType { get; }

    public string TaskQueue { get; }

    public WorkflowExecution Execution { get; }

    /// <summary>The events in order. A closed run keeps them encoded (a few times smaller) and decodes on each read.</summary>
    public IReadOnlyList<HistoryEvent> History =>
        _events ?? (IReadOnlyList<HistoryEvent>)Temporalio.Api.History.V1.History.Parser.ParseFrom(_packedHistory).Events;

    public int HistoryLength => _historyLength;

    public long NextEventId => _historyLength + 1;

    public WorkflowExecutionStatus Status { get; set; } = WorkflowExecutionStatus.Running;

    public bool IsOpen => Status == WorkflowExecutionStatus.Running;

    public DateTime StartTime { get; set; }

    /// <summary>When the first workflow task may run (start time plus any start delay or continue-as-new backoff).</summary>
    public DateTime ExecutionTime { get; set; }

    public DateTime? CloseTime { get; set; }

    public string FirstExecutionRunId { get; set; } = "";

    public string StartRequestId { get; set; } = "";

    public TimeSpan WorkflowTaskTimeout { get; set; }

    public TimeSpan RunTimeout { get; set; }

    public TimeSpan ExecutionTimeout { get; set; }

    public DateTime? ExecutionExpiration { get; set; }

    public Memo Memo { get; set; } = new();

    public SearchAttributes SearchAttributes { get; set; } = new();

    /// <summary>Request ids of signals and cancel requests already applied (retried RPCs must not apply twice).</summary>
    public HashSet<string> SeenRequestIds { get; } = [];

    public WorkflowTaskState WorkflowTask { get; } = new();

    /// <summary>Started event id of the last completed workflow task (the worker has seen history up to here).</summary>
    public long PreviousStartedEventId { get; set; }

    /// <summary>The worker's sticky queue, set by the last completed workflow task, cleared on failures.</summary>
    public string? StickyQueue { get; set; }

    public TimeSpan StickyScheduleToStartTimeout { get; set; }

    /// <summary>Input that arrived while a workflow task was in flight, written to history when the task ends.</summary>
    public List<BufferedInput> BufferedEvents { get; } = [];

    public Dictionary<long, ActivityState> Activities { get; } = [];

    public Dictionary<string, UserTimerState> Timers { get; } = [];

    public Dictionary<string, UpdateState> Updates { get; } = [];

    /// <summary>Queries waiting for the current workflow task to finish before they are dispatched.</summary>
    public List<QueryState> PendingQueries { get; } = [];

    /// <summary>
    /// Query tasks handed to a worker and not answered yet (at most one). The worker (Temporal Core) buffers only one
    /// further task of a run while it works on one: a second query task, or a workflow task, that reaches it then can
    /// be dropped, so the query is never answered, or the workflow task only comes back after its start-to-close
    /// timeout. So a run has one query task at the worker at a time, and no workflow task starts while it is out.
    /// </summary>
    public HashSet<QueryState> QueriesAtWorker { get; } = [];

    public bool CancelRequested { get; set; }

    public ScheduledTimer? RunTimeoutTimer { get; set; }

    public ScheduledTimer? StartDelayTimer { get; set; }

    public HistoryEvent? CloseEvent { get; set; }

    public string? ContinuedAsNewRunId { get; set; }

    public IEnumerable<UpdateState> UndeliveredUpdates =>
        Updates.Values.Where(u => u.Stage == UpdateWorkflowExecutionLifecycleStage.Admitted && !u.Delivered && u.AbortReason is null);

    /// <summary>
    /// Encoded size of the history so far (the SDK uses it to suggest continue-as-new). Counted incrementally and
    /// only for events that are complete, i.e. everything before the current call.
    /// </summary>
    public long HistorySizeBytes()
    {
        var events = History;
        for (; _sizedEventCount < events.Count; _sizedEventCount++)
        {
            _historySizeBytes += events[_sizedEventCount].CalculateSize();
        }

        return _historySizeBytes;
    }

    public HistoryEvent AddEvent(EventType type, DateTime now) => AppendEvent(new HistoryEvent { EventType = type }, now);

    /// <summary>Appends an event template: assigns its id; an event without a time gets <paramref name="now"/>.</summary>
    public HistoryEvent AppendEvent(HistoryEvent historyEvent, DateTime now)
    {
        var events = _events ?? throw new InvalidOperationException($"run {RunId} is closed; its history is final");
        historyEvent.EventId = NextEventId;
        historyEvent.TaskId = NextEventId;
        historyEvent.EventTime ??= Timestamp.FromDateTime(now);
        events.Add(historyEvent);
        _historyLength = events.Count;
        _historyChanged?.TrySetResult();
        _historyChanged = null;
        _changed?.Invoke(this);
        return historyEvent;
    }

    /// <summary>Puts back the history of a run loaded from a store (before anything else happens to the run).</summary>
    public void RestoreHistory(IEnumerable<HistoryEvent> events)
    {
        var list = _events ?? throw new InvalidOperationException($"run {RunId} is closed; its history is final");
        list.AddRange(events);
        _historyLength = list.Count;
        PersistedEventCount = list.Count;
    }

    /// <summary>The events from index <paramref name="from"/> (0-based) on: what a store has not saved yet.</summary>
    public IEnumerable<HistoryEvent> EventsFrom(int from) => History.Skip(from);

    /// <summary>Encodes the final history of a closed run: retained closed runs then cost a fraction of the memory.</summary>
    public void PackHistory()
    {
        if (_events is { } events)
        {
            var history = new History();
            history.Events.AddRange(events);
            _packedHistory = history.ToByteString();
            _events = null;
        }
    }

    /// <summary>Completes when the run closes (caller holds the engine lock); result waiters need nothing earlier.</summary>
    public Task WaitForClose()
    {
        if (!IsOpen)
        {
            return Task.CompletedTask;
        }

        _closed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _closed.Task;
    }

    public void SignalClosed() => _closed?.TrySetResult();

    /// <summary>Completes when an event is appended (caller holds the engine lock).</summary>
    public Task WaitForHistoryChange()
    {
        _historyChanged ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _historyChanged.Task;
    }
}

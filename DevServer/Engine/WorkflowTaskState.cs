namespace FoodDelivery.DevServer.Engine;

internal enum WorkflowTaskPhase
{
    /// <summary>No workflow task outstanding: new events schedule one.</summary>
    None,

    /// <summary>WorkflowTaskScheduled is written; the task waits in a queue for a poller.</summary>
    Scheduled,

    /// <summary>WorkflowTaskStarted is written; a worker holds the task. New events are buffered until it ends.</summary>
    Started,
}

/// <summary>The run's current workflow task (at most one at a time).</summary>
internal sealed class WorkflowTaskState
{
    public WorkflowTaskPhase Phase { get; set; }

    public long ScheduledEventId { get; set; }

    public long StartedEventId { get; set; }

    public int Attempt { get; set; } = 1;

    /// <summary>Bumped on every dispatch, so queue entries of an earlier dispatch go stale.</summary>
    public long Generation { get; set; }

    public DateTime ScheduledTime { get; set; }

    public DateTime StartedTime { get; set; }

    /// <summary>True while the task sits on the worker's sticky queue (history sent from the last started event on).</summary>
    public bool OnStickyQueue { get; set; }

    /// <summary>A poll found the task while query tasks of the run were out: dispatched again once they are answered.</summary>
    public bool HeldForQueries { get; set; }

    /// <summary>Start-to-close or sticky schedule-to-start deadline of the current phase.</summary>
    public ScheduledTimer? Timeout { get; set; }

    /// <summary>Updates delivered with the started task, so a failed task can hand them out again.</summary>
    public List<string> DeliveredUpdateIds { get; } = [];
}

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// One task queue: tasks wait here for a poller, or pollers wait here for a task (long poll).
/// Not thread-safe: callers hold the engine lock. Waiters complete asynchronously, outside the lock.
/// </summary>
internal sealed class MatchingQueue<T>
    where T : class
{
    private readonly LinkedList<T> _tasks = new();
    private readonly LinkedList<TaskCompletionSource<T?>> _pollers = new();

    /// <summary>
    /// How long a queue counts as served after its last poll (polls are re-issued at once) or its last new task
    /// (the queue's worker may still be starting).
    /// </summary>
    private static readonly TimeSpan ServedWindow = TimeSpan.FromSeconds(10);

    private DateTime _lastPolledAt = DateTime.MinValue;
    private DateTime _lastAddedAt = DateTime.MinValue;

    public int Backlog => _tasks.Count;

    /// <summary>
    /// True when tasks put here will presumably be picked up: a worker polls this queue now or did recently, or a task
    /// arrived recently. The latter covers a client that starts a workflow and awaits its result before the worker's
    /// first poll arrives: virtual time must wait for that task, not skip to the workflow's timeouts.
    /// </summary>
    public bool IsServed
    {
        get
        {
            var now = DateTime.UtcNow;
            return _pollers.Count > 0 || now - _lastPolledAt < ServedWindow || now - _lastAddedAt < ServedWindow;
        }
    }

    /// <summary>Hands the task to the longest-waiting poller, or keeps it until one comes.</summary>
    public void Add(T task)
    {
        _lastAddedAt = DateTime.UtcNow;
        while (_pollers.First is { } first)
        {
            _pollers.RemoveFirst();
            if (first.Value.TrySetResult(task))
            {
                return;
            }
        }

        _tasks.AddLast(task);
    }

    /// <summary>Puts back a task whose poller went away before receiving it, ahead of newer tasks.</summary>
    public void Return(T task)
    {
        if (_pollers.Count > 0)
        {
            Add(task);
            return;
        }

        _tasks.AddFirst(task);
    }

    public T? TryTake()
    {
        _lastPolledAt = DateTime.UtcNow;
        if (_tasks.First is not { } first)
        {
            return null;
        }

        _tasks.RemoveFirst();
        return first.Value;
    }

    public TaskCompletionSource<T?> AddPoller()
    {
        _lastPolledAt = DateTime.UtcNow;
        var waiter = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pollers.AddLast(waiter);
        return waiter;
    }

    /// <summary>Withdraws a poller (timeout or cancellation); it completes with null unless it already got a task.</summary>
    public void RemovePoller(TaskCompletionSource<T?> waiter)
    {
        _pollers.Remove(waiter);
        waiter.TrySetResult(null);
    }
}

/// <summary>A workflow task queue entry: either a workflow task of a run, or a (legacy) query task.</summary>
internal abstract record WorkflowQueueItem;

/// <summary>
/// Points at a run's scheduled workflow task. <see cref="Generation"/> goes stale when the task is re-dispatched
/// (sticky fallback, timeout), so a stale entry is skipped when polled.
/// </summary>
internal sealed record WorkflowTaskItem(WorkflowRun Run, long Generation) : WorkflowQueueItem;

internal sealed record QueryTaskItem(QueryState Query) : WorkflowQueueItem;

/// <summary>Points at one attempt of a pending activity; stale when the attempt is no longer waiting.</summary>
internal sealed record ActivityTaskItem(WorkflowRun Run, ActivityState Activity, int Attempt);

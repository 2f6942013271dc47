namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// A callback due at an engine time, for one run. Cancelling marks it and lets go of its run and callback; the queue
/// drops it lazily, when it reaches the front, which for a long timeout can be days later.
/// </summary>
internal sealed class ScheduledTimer(DateTime due, WorkflowRun run, Action callback)
{
    private WorkflowRun? _run = run;
    private Action? _callback = callback;

    public DateTime Due { get; } = due;

    /// <summary>The run whose deadline this is (firing it changes that run).</summary>
    public WorkflowRun Run => _run ?? throw new InvalidOperationException("a cancelled timer has no run");

    public Action Callback => _callback ?? throw new InvalidOperationException("a cancelled timer has no callback");

    public bool IsCanceled => _callback is null;

    /// <summary>
    /// Cancels the timer. Its references go at once, so the cancelled entry waiting in the queue does not keep a
    /// closed run (its activities, their inputs) alive after retention dropped it.
    /// </summary>
    public void Cancel()
    {
        _run = null;
        _callback = null;
    }
}

/// <summary>
/// Every durable deadline of the engine (workflow timers, activity and workflow timeouts, retry backoffs) in one
/// ordered queue. Not thread-safe: callers hold the engine lock.
/// </summary>
internal sealed class TimerQueue
{
    private readonly PriorityQueue<ScheduledTimer, (DateTime Due, long Sequence)> _timers = new();
    private long _sequence;

    public ScheduledTimer Schedule(DateTime due, WorkflowRun run, Action callback)
    {
        var timer = new ScheduledTimer(due, run, callback);
        _timers.Enqueue(timer, (due, _sequence++));
        return timer;
    }

    /// <summary>The earliest live deadline, or null when nothing is scheduled.</summary>
    public DateTime? NextDue
    {
        get
        {
            while (_timers.TryPeek(out var timer, out _))
            {
                if (!timer.IsCanceled)
                {
                    return timer.Due;
                }

                _timers.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Removes and returns the next live timer due at or before <paramref name="now"/>.</summary>
    public ScheduledTimer? TakeDue(DateTime now)
    {
        while (_timers.TryPeek(out var timer, out _))
        {
            if (timer.IsCanceled)
            {
                _timers.Dequeue();
                continue;
            }

            if (timer.Due > now)
            {
                return null;
            }

            _timers.Dequeue();
            return timer;
        }

        return null;
    }
}

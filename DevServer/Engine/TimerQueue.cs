namespace FoodDelivery.DevServer.Engine;

/// <summary>A callback due at an engine time, for one run. Cancelling only marks it; the queue drops it lazily.</summary>
internal sealed class ScheduledTimer(DateTime due, WorkflowRun run, Action callback)
{
    public DateTime Due { get; } = due;

    /// <summary>The run whose deadline this is (firing it changes that run).</summary>
    public WorkflowRun Run { get; } = run;

    public Action Callback { get; } = callback;

    public bool IsCanceled { get; private set; }

    public void Cancel() => IsCanceled = true;
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

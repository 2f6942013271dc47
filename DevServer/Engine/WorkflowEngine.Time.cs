namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// The scheduler: fires due timers in order, sleeping in real time until the next one, and skips virtual time
/// forward when the configured mode allows it and no worker has anything to do.
/// </summary>
internal sealed partial class WorkflowEngine
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(1);

    /// <summary>
    /// While time could skip but something blocks it, the scheduler looks again at least this often: a safety net
    /// for blockers that clear without a kick (a queue whose worker went away stops counting as served).
    /// </summary>
    private static readonly TimeSpan SkipRecheck = TimeSpan.FromMilliseconds(500);
    private readonly Task _schedulerLoop;
    private TaskCompletionSource _wakeUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When the scheduler plans to wake next (engine time); earlier timers must wake it.</summary>
    private DateTime _plannedWakeUp = DateTime.MaxValue;

    /// <summary>Wakes the scheduler to re-check timers and whether time may skip.</summary>
    private void Kick() => Volatile.Read(ref _wakeUp).TrySetResult();

    /// <summary>
    /// Work finished or a client started waiting: only time skipping cares, so in real time this costs nothing.
    /// </summary>
    private void KickForTimeSkipping()
    {
        if (_options.TimeSkipping != TimeSkippingMode.Disabled)
        {
            Kick();
        }
    }

    /// <summary>How many clients wait for a workflow result now (for tests that must act while one waits).</summary>
    public int ResultWaiters
    {
        get
        {
            using (EnterGate())
            {
                return _resultWaiters;
            }
        }
    }

    /// <summary>Moves engine time forward, firing every timer that falls due on the way at its own time.</summary>
    public void AdvanceTime(TimeSpan by)
    {
        using (EnterGate())
        {
            var target = Now + by;
            while (_timers.NextDue is { } due && due <= target)
            {
                _clock.Advance(due - Now);
                FireDueTimers();
            }

            _clock.Advance(target - Now);
            FireDueTimers();
        }

        Kick();
    }

    private async Task RunSchedulerAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            var wakeUp = Volatile.Read(ref _wakeUp);
            TimeSpan sleep;
            using (EnterGate())
            {
                FireDueTimers();
                var next = _timers.NextDue;
                _plannedWakeUp = next ?? DateTime.MaxValue;
                if (next is null)
                {
                    sleep = LongestSleep;
                }
                else if (MayTimeSkip())
                {
                    _clock.Advance(next.Value - Now);
                    continue;
                }
                else
                {
                    sleep = next.Value - Now;
                    if (sleep > LongestSleep)
                    {
                        sleep = LongestSleep;
                    }

                    if (sleep > SkipRecheck && SkipWanted())
                    {
                        sleep = SkipRecheck;
                    }
                }
            }

            if (sleep > TimeSpan.Zero)
            {
                try
                {
                    await wakeUp.Task.WaitAsync(sleep, stopping);
                }
                catch (TimeoutException)
                {
                    // Time for the next timer.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (wakeUp.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _wakeUp, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wakeUp);
            }
        }
    }

    private void FireDueTimers()
    {
        while (_timers.TakeDue(Now) is { } timer)
        {
            try
            {
                Touch(timer.Run);
                timer.Callback();
            }
#pragma warning disable CA1031 // One faulty deadline must not stop every other timer of the engine.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"DevServer: a timer callback failed and was skipped: {e}");
            }
        }
    }

    /// <summary>Whether the clock may jump to the next deadline now (caller holds the lock).</summary>
    private bool MayTimeSkip() => SkipWanted() && _queries.Count == 0 && !_openRuns.Any(HasOutstandingWork);

    /// <summary>Whether the mode wants time to skip now, blockers aside (caller holds the lock).</summary>
    private bool SkipWanted()
    {
        var mode = _options.TimeSkipping;
        return mode != TimeSkippingMode.Disabled && (mode != TimeSkippingMode.WhileAwaitingResult || _resultWaiters > 0);
    }

    /// <summary>
    /// Whether a worker holds, or is about to receive, a task of this run. Tasks waiting in a queue that no worker
    /// polls do not count: they cannot make progress, and must not freeze virtual time for every other workflow.
    /// </summary>
    private bool HasOutstandingWork(WorkflowRun run)
    {
        var task = run.WorkflowTask;
        if (task.Phase == WorkflowTaskPhase.Started)
        {
            return true;
        }

        if (task.Phase == WorkflowTaskPhase.Scheduled
            && WorkflowQueue(run.Namespace, task.OnStickyQueue && run.StickyQueue is { } sticky ? sticky : run.TaskQueue).IsServed)
        {
            return true;
        }

        return run.Activities.Values.Any(a =>
            a.Phase == ActivityPhase.Started
            || (a.Phase == ActivityPhase.Scheduled && ActivityQueue(run.Namespace, a.TaskQueue).IsServed));
    }
}

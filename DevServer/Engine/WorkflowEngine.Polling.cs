namespace FoodDelivery.DevServer.Engine;

/// <summary>Long-poll plumbing shared by task polls, history waits, update waits and queries.</summary>
internal sealed partial class WorkflowEngine
{
    /// <summary>Longest a long poll waits when the caller set no deadline.</summary>
    private static readonly TimeSpan DefaultLongPoll = TimeSpan.FromSeconds(60);

    /// <summary>Answer this long before the caller's deadline, so the empty answer still reaches it.</summary>
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(1);

    /// <summary>How long a long poll may wait given the call's deadline (real time).</summary>
    public static TimeSpan LongPollBudget(DateTime deadlineUtc)
    {
        if (deadlineUtc == DateTime.MaxValue)
        {
            return DefaultLongPoll;
        }

        var remaining = deadlineUtc - DateTime.UtcNow - DeadlineMargin;
        if (remaining < TimeSpan.Zero)
        {
            // Very short deadlines: use half of what is left rather than nothing.
            remaining = (deadlineUtc - DateTime.UtcNow) / 2;
        }

        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining > DefaultLongPoll ? DefaultLongPoll : remaining;
    }

    /// <summary>
    /// Takes a task from the queue, waiting up to <paramref name="budget"/>. Returns null on timeout. A task handed
    /// to a poller whose call was cancelled meanwhile is put back, so it is not lost.
    /// </summary>
    private async Task<T?> TakeAsync<T>(MatchingQueue<T> queue, TimeSpan budget, CancellationToken cancellation)
        where T : class
    {
        TaskCompletionSource<T?> waiter;
        using (EnterGate())
        {
            if (queue.TryTake() is { } ready)
            {
                return ready;
            }

            waiter = queue.AddPoller();
        }

        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stopping.Token);
        expiry.CancelAfter(budget);
        T? task;
        using (expiry.Token.Register(() =>
        {
            using (EnterGate())
            {
                queue.RemovePoller(waiter);
            }
        }))
        {
            task = await waiter.Task;
        }

        if (task is not null && cancellation.IsCancellationRequested)
        {
            using (EnterGate())
            {
                queue.Return(task);
            }

            return null;
        }

        return task;
    }

    /// <summary>Waits for <paramref name="signal"/> up to the budget; false on timeout or cancellation.</summary>
    private async Task<bool> WaitAsync(Task signal, TimeSpan budget, CancellationToken cancellation)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stopping.Token);
        expiry.CancelAfter(budget);
        try
        {
            await signal.WaitAsync(expiry.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            cancellation.ThrowIfCancellationRequested();
            return false;
        }
    }
}

using System.Runtime.CompilerServices;
using FoodDelivery.DevServer.Engine;

namespace FoodDelivery.DevServer.Tests;

/// <summary>The engine's timer queue, on its own: what a cancelled deadline still holds.</summary>
public class TimerQueueTests
{
    [Fact]
    public void Cancel_TimerDueInAYear_ReleasesItsRunAtOnce()
    {
        var queue = new TimerQueue();
        var (timer, run) = ScheduleForARun(queue, DateTime.UtcNow.AddDays(365));

        timer.Cancel();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The cancelled entry waits in the queue until it reaches the front (a year here); the run must not wait with it.
        run.IsAlive.Should().BeFalse("a cancelled timer must not keep its run (and the run's payloads) in memory");
        timer.IsCanceled.Should().BeTrue();
        queue.TakeDue(DateTime.UtcNow.AddDays(400)).Should().BeNull("a cancelled timer never fires");
    }

    [Fact]
    public void TakeDue_LiveTimerDue_ReturnsItWithItsRunAndCallback()
    {
        var queue = new TimerQueue();
        var fired = false;
        var run = new WorkflowRun("default", "wf", Guid.NewGuid().ToString(), "Type", "tq");
        queue.Schedule(DateTime.UtcNow.AddMinutes(1), run, () => fired = true);

        var due = queue.TakeDue(DateTime.UtcNow.AddMinutes(2));

        due.Should().NotBeNull();
        due!.Run.Should().BeSameAs(run);
        due.Callback();
        fired.Should().BeTrue();
    }

    /// <summary>Creates the run out of the caller's frame, so only the timer can keep it alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ScheduledTimer Timer, WeakReference Run) ScheduleForARun(TimerQueue queue, DateTime due)
    {
        var run = new WorkflowRun("default", "wf", Guid.NewGuid().ToString(), "Type", "tq");
        var timer = queue.Schedule(due, run, () => run.CancelRequested = true);
        return (timer, new WeakReference(run));
    }
}

namespace FoodDelivery.DevServer.Engine;

/// <summary>A workflow timer (StartTimer command) that has not fired or been cancelled yet.</summary>
internal sealed class UserTimerState
{
    public required string TimerId { get; init; }

    public required long StartedEventId { get; init; }

    public required DateTime Due { get; init; }

    public ScheduledTimer? Deadline { get; set; }

    /// <summary>
    /// Set when the timer fired while a workflow task was in flight: TimerFired waits in the buffer and a CancelTimer
    /// command from that task still wins (the buffered TimerFired is then dropped), as on the real server.
    /// </summary>
    public bool FiredWhileBuffered { get; set; }
}

using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;

namespace FoodDelivery.DevServer.Engine;

internal enum ActivityPhase
{
    /// <summary>In the task queue, waiting for a poller.</summary>
    Scheduled,

    /// <summary>A worker runs the current attempt.</summary>
    Started,

    /// <summary>Waiting out a retry interval before the next attempt is queued.</summary>
    Backoff,
}

/// <summary>
/// A scheduled activity that has not closed yet. Its inputs come from the ActivityTaskScheduled event; attempts,
/// heartbeats and the last failure are the small extra state retries need (retries write no history events).
/// </summary>
internal sealed class ActivityState
{
    public required long ScheduledEventId { get; init; }

    public required string ActivityId { get; init; }

    public required ActivityType ActivityType { get; init; }

    public required string TaskQueue { get; init; }

    public Header? Header { get; init; }

    public Payloads? Input { get; init; }

    public required TimeSpan ScheduleToCloseTimeout { get; init; }

    public required TimeSpan ScheduleToStartTimeout { get; init; }

    public required TimeSpan StartToCloseTimeout { get; init; }

    public required TimeSpan HeartbeatTimeout { get; init; }

    public required RetryPolicy RetryPolicy { get; init; }

    public required DateTime FirstScheduledTime { get; init; }

    public ActivityPhase Phase { get; set; }

    public int Attempt { get; set; } = 1;

    public DateTime AttemptScheduledTime { get; set; }

    public DateTime? StartedTime { get; set; }

    public string? StartedIdentity { get; set; }

    public string? StartedRequestId { get; set; }

    public Payloads? HeartbeatDetails { get; set; }

    public DateTime? LastHeartbeatTime { get; set; }

    public Failure? LastFailure { get; set; }

    public string? LastWorkerIdentity { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>In <see cref="ActivityPhase.Backoff"/>: when the next attempt is queued.</summary>
    public DateTime? RetryTime { get; set; }

    public long CancelRequestedEventId { get; set; }

    /// <summary>Deadlines of the current attempt (schedule-to-start or start-to-close, heartbeat, retry backoff).</summary>
    public List<ScheduledTimer> AttemptTimers { get; } = [];

    public ScheduledTimer? ScheduleToCloseTimer { get; set; }

    public ScheduledTimer? HeartbeatTimer { get; set; }

    public DateTime? ScheduleToCloseDeadline =>
        ScheduleToCloseTimeout > TimeSpan.Zero ? FirstScheduledTime + ScheduleToCloseTimeout : null;

    public void CancelAttemptTimers()
    {
        HeartbeatTimer?.Cancel();
        HeartbeatTimer = null;
        foreach (var timer in AttemptTimers)
        {
            timer.Cancel();
        }

        AttemptTimers.Clear();
    }

    public void CancelAllTimers()
    {
        CancelAttemptTimers();
        ScheduleToCloseTimer?.Cancel();
    }
}

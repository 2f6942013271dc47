using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// Input for the workflow (a signal, a cancel request, a closed activity, a fired timer) as the history events it
/// becomes. While a workflow task runs it waits in the run's buffer; it is data, not code, so a store can save it.
/// Events are templates: the event id is assigned when written, and an event without a time gets the time of writing.
/// </summary>
internal sealed record BufferedInput
{
    public required IReadOnlyList<HistoryEvent> Events { get; init; }

    /// <summary>
    /// Set for a fired timer: the TimerFired event is dropped if the timer was cancelled before it was written (a
    /// CancelTimer command of the running workflow task wins, as on the real server).
    /// </summary>
    public string? FiredTimerId { get; init; }

    public static BufferedInput Of(params HistoryEvent[] events) => new() { Events = events };

    /// <summary>Sets an activity close event's started_event_id (the ActivityTaskStarted event written just before it).</summary>
    public static void LinkActivityStarted(HistoryEvent closeEvent, long startedEventId)
    {
        switch (closeEvent.EventType)
        {
            case EventType.ActivityTaskCompleted:
                closeEvent.ActivityTaskCompletedEventAttributes.StartedEventId = startedEventId;
                break;
            case EventType.ActivityTaskFailed:
                closeEvent.ActivityTaskFailedEventAttributes.StartedEventId = startedEventId;
                break;
            case EventType.ActivityTaskTimedOut:
                closeEvent.ActivityTaskTimedOutEventAttributes.StartedEventId = startedEventId;
                break;
            case EventType.ActivityTaskCanceled:
                closeEvent.ActivityTaskCanceledEventAttributes.StartedEventId = startedEventId;
                break;
        }
    }
}

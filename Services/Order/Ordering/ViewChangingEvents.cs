using System.Runtime.CompilerServices;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace FoodDelivery.Order.Ordering;

/// <summary>
/// The history events after which an order's view can differ. The saga's status changes only when its code runs,
/// i.e. when a workflow task completes, and the order record only in activities, which are always followed by a
/// workflow task; the close event ends the saga. Refreshing the view (a workflow query and a database read) on these
/// alone, instead of on every event, takes about five times fewer queries per order.
/// </summary>
public static class ViewChangingEvents
{
    public static async IAsyncEnumerable<HistoryEvent> Of(
        IAsyncEnumerable<HistoryEvent> history,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        await foreach (var historyEvent in history.WithCancellation(cancellationToken))
        {
            if (CanChangeView(historyEvent.EventType))
            {
                yield return historyEvent;
            }
        }
    }

    public static bool CanChangeView(EventType type) => type is EventType.WorkflowTaskCompleted
        or EventType.WorkflowExecutionCompleted
        or EventType.WorkflowExecutionFailed
        or EventType.WorkflowExecutionTimedOut
        or EventType.WorkflowExecutionCanceled
        or EventType.WorkflowExecutionTerminated
        or EventType.WorkflowExecutionContinuedAsNew;
}

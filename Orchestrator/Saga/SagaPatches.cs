namespace FoodDelivery.Orchestrator.Saga;

/// <summary>
/// Ids of the saga's <c>Workflow.Patched</c> markers. A change to workflow logic goes behind one of these, so sagas
/// started by an older worker replay the old way. An id is never reused; remove one only when no history that lacks
/// its marker can still be replayed (the committed corpus included).
/// </summary>
public static class SagaPatches
{
    /// <summary>
    /// An operator command that arrives while NEEDS_ATTENTION is being written to the order record is kept. Before this
    /// patch the saga cleared the command after that write, and the order stayed parked until a second command.
    /// </summary>
    public const string KeepOperatorCommandWhileMarking = "keep-operator-command-while-marking";

    /// <summary>
    /// A customer cancellation that reaches the worker in the same workflow task as the saga's start cancels the order
    /// before any step. Before this patch its handler ran first, found nothing to cancel, and the saga went on as if no
    /// cancellation had come.
    /// </summary>
    public const string CancelArrivingWithFirstTask = "cancel-arriving-with-first-task";
}

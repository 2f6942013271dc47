namespace FoodDelivery.Orchestrator.Saga;

/// <summary>Where the saga is. Terminal: Delivered, Cancelled, Rejected.</summary>
public enum SagaState
{
    Started,
    RecordingOrder,
    ReservingItems,
    AuthorizingPayment,
    AwaitingRestaurant,
    AssigningCourier,
    CapturingPayment,
    Confirmed,
    PickedUp,
    Delivered,
    Compensating,
    NeedsAttention,
    Cancelled,
    Rejected,
}

/// <summary>What the GetStatus query returns: enough for a client or an operator to see where and why.</summary>
public sealed record OrderSagaStatus(
    string OrderId,
    SagaState State,
    IReadOnlyList<string> StepsDone,
    IReadOnlyList<string> CompensationsRun,
    string? LastError,
    string? OutcomeReason,
    DateTime? AcceptanceDeadline,
    DateTime? CourierDeadline,
    DateTime? PickupDeadline,
    DateTime? DeliveryDeadline,
    string? PendingCompensation,
    string? CourierId)
{
    public bool IsFinished => State is SagaState.Delivered or SagaState.Cancelled or SagaState.Rejected;
}

/// <summary>
/// The saga's result once it has ended. <paramref name="FinalStatus"/> is what <c>GetStatus</c> answers from then on, so
/// readers of a finished order take it from the close event instead of querying, which would replay the whole run on a
/// worker; it is null in results recorded before it existed.
/// </summary>
public sealed record OrderSagaResult(
    string OrderId,
    SagaState FinalState,
    string? Reason,
    IReadOnlyList<string> CompensationsRun,
    OrderSagaStatus? FinalStatus = null);

/// <summary>The customer's cancellation request (a workflow update).</summary>
public sealed record CancelOrderRequest(string Reason);

/// <summary>What CancelOrder answers once the saga has undone the order (or asked an operator for help).</summary>
public sealed record CancelOrderResult(SagaState State, IReadOnlyList<string> CompensationsRun);

/// <summary>An operator's answer to an order in NeedsAttention: run the failed compensation again, or mark it handled.</summary>
public sealed record OperatorCommand(OperatorAction Action, string? Note);

public enum OperatorAction
{
    Retry,
    Resolve,
}

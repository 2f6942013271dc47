namespace FoodDelivery.Orchestrator;

/// <summary>
/// Every name that crosses a process boundary, in one place: the task queue, workflow ids, and the step names that
/// make up idempotency keys. Changing one of these breaks running sagas and stored histories.
/// </summary>
public static class WireNames
{
    /// <summary>The default task queue of the saga worker.</summary>
    public const string DefaultTaskQueue = "orders";

    /// <summary>The saga's workflow type name.</summary>
    public const string OrderSagaWorkflowType = "OrderSaga";

    /// <summary>One saga per order: its workflow id is derived from the order id, so a second start for the same
    /// order is refused by the engine instead of running a second saga.</summary>
    public static string WorkflowIdFor(string orderId) => $"order-{orderId}";

    /// <summary>
    /// The order id of a client's PlaceOrder request: derived from who asked and the client's request id, so a
    /// repeated request maps to the same order (and so the same workflow id) without any lookup.
    /// </summary>
    public static string OrderIdFor(string customerId, string clientRequestId)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{customerId}\n{clientRequestId}"));
        return "ord-" + Convert.ToHexStringLower(digest.AsSpan(0, 10));
    }

    /// <summary>Workflow memo key: fingerprint of the PlaceOrder request that started the saga.</summary>
    public const string RequestFingerprintMemo = "request_fingerprint";

    /// <summary>Workflow memo key: the order total in minor units, as priced when the saga started.</summary>
    public const string TotalMinorMemo = "total_minor";

    /// <summary>Workflow memo key: the order's currency.</summary>
    public const string CurrencyMemo = "currency";

    /// <summary>The idempotency key of one saga step: the same on every retry and every replay of the workflow.</summary>
    public static string IdempotencyKey(string orderId, string step) => $"{orderId}:{step}";

    /// <summary>The key of an operator-requested re-run of a step that failed for good: a new key, so the service runs
    /// it again instead of replaying the stored failure. Compensations stay idempotent across keys.</summary>
    public static string IdempotencyKey(string orderId, string step, int operatorRetry) =>
        operatorRetry == 0 ? IdempotencyKey(orderId, step) : $"{orderId}:{step}:retry-{operatorRetry}";
}

/// <summary>The saga's steps and compensations, by the names used in idempotency keys, status and history.</summary>
public static class SagaSteps
{
    public const string RecordOrder = "record-order";
    public const string ReserveItems = "reserve-items";
    public const string AuthorizePayment = "authorize-payment";
    public const string RestaurantAcceptance = "restaurant-acceptance";
    public const string ConfirmTicket = "confirm-ticket";
    public const string AssignCourier = "assign-courier";
    public const string CapturePayment = "capture-payment";
    public const string ConfirmOrder = "confirm-order";
    public const string ConfirmPickup = "confirm-pickup";
    public const string ConfirmDelivery = "confirm-delivery";
    public const string MarkPickedUp = "mark-picked-up";
    public const string MarkDelivered = "mark-delivered";

    // Compensations
    public const string ReleaseItems = "release-items";
    public const string VoidOrRefund = "void-or-refund";
    public const string CancelCourier = "cancel-courier";
    public const string CloseOrder = "close-order";
    public const string MarkNeedsAttention = "mark-needs-attention";
}

namespace FoodDelivery.Contracts;

/// <summary>
/// The stable <c>google.rpc.ErrorInfo.reason</c> values our services return, under <see cref="Domain"/>.
/// A caller decides what to do from the status code and this reason alone: only the reasons listed in
/// <see cref="IsRetryable"/> are worth retrying with the same idempotency key.
/// </summary>
public static class ErrorReasons
{
    /// <summary>The ErrorInfo domain of every FoodDelivery error.</summary>
    public const string Domain = "fooddelivery.example";

    // Restaurant
    public const string OutOfStock = "OUT_OF_STOCK";
    public const string ItemUnavailable = "ITEM_UNAVAILABLE";
    public const string ReservationReleased = "RESERVATION_RELEASED";
    public const string HoldExpired = "HOLD_EXPIRED";

    // Payment
    public const string CardDeclined = "CARD_DECLINED";
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";
    public const string PaymentVoided = "PAYMENT_VOIDED";
    public const string CurrencyMismatch = "CURRENCY_MISMATCH";

    // Delivery
    public const string NoCourierAvailable = "NO_COURIER_AVAILABLE";
    public const string AssignmentCancelled = "ASSIGNMENT_CANCELLED";

    // Any service
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string WrongCourier = "WRONG_COURIER";
    public const string WrongRestaurant = "WRONG_RESTAURANT";
    public const string OrderEnded = "ORDER_ENDED";
    public const string CancellationRefused = "CANCELLATION_REFUSED";
    public const string WorkflowUnavailable = "WORKFLOW_UNAVAILABLE";
    public const string IllegalTransition = "ILLEGAL_TRANSITION";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string Conflict = "CONFLICT";

    // Authentication and authorization (Services/ServiceDefaults/Security)
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";

    /// <summary>Metadata key (in ErrorInfo.metadata) listing the item ids an OUT_OF_STOCK or ITEM_UNAVAILABLE names, comma-separated.</summary>
    public const string ItemsMetadataKey = "items";

    /// <summary>
    /// Business conditions that may clear by themselves (a courier becomes free); every other reason is final for
    /// the request that got it.
    /// </summary>
    public static bool IsRetryable(string reason) => reason is NoCourierAvailable or Conflict;
}

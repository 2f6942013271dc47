using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Orchestrator.Activities;

// Inputs and results of the saga's activities: plain records, serialized into the workflow history, never EF entities
// or generated protobuf messages. Every input carries the idempotency key the workflow derived for its step.

public sealed record CreateOrderInput(
    string IdempotencyKey,
    string OrderId,
    string CustomerId,
    string RestaurantId,
    IReadOnlyList<SagaOrderLine> Lines,
    string Currency,
    SagaAddress DeliveryAddress);

public sealed record TransitionOrderInput(string IdempotencyKey, string OrderId, OrderStatus To, string Reason);

public sealed record ReserveItemsInput(string IdempotencyKey, string OrderId, string RestaurantId, IReadOnlyList<SagaOrderLine> Lines);

public sealed record ReservationResult(long TotalMinor, string Currency, DateTime? ExpiresAt);

public sealed record AuthorizePaymentInput(
    string IdempotencyKey, string OrderId, string CustomerId, long AmountMinor, string Currency, string PaymentMethodToken);

public sealed record PaymentResult(string PaymentId, string Status, long AuthorizedMinor, long CapturedMinor);

public sealed record AssignCourierInput(string IdempotencyKey, string OrderId, SagaAddress Pickup, SagaAddress Dropoff);

public sealed record CourierAssignmentResult(string CourierId);

public sealed record CourierStepInput(string IdempotencyKey, string OrderId, string CourierId);

/// <summary>A step of the saga that names only the order (confirm ticket, capture payment).</summary>
public sealed record OrderStepInput(string IdempotencyKey, string OrderId);

/// <summary>A compensation: undo the step for this order, whether or not the step ever ran.</summary>
public sealed record CompensationInput(string IdempotencyKey, string OrderId, string Reason);

/// <summary>What a compensation did: <see cref="Undid"/> is false when there was nothing to undo (a tombstone now guards
/// against the late step).</summary>
public sealed record CompensationResult(bool Undid, string Detail);

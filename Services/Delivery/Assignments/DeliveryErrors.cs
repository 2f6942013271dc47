using FoodDelivery.Contracts;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.ServiceDefaults.Errors;
using Grpc.Core;

namespace FoodDelivery.Delivery.Assignments;

/// <summary>The delivery service's refusals, each with its stable ErrorInfo reason and the order it concerns.</summary>
public static class DeliveryErrors
{
    /// <summary>Retryable: a courier may become free later, so this is not stored under the idempotency key.</summary>
    public static ServiceException NoCourierAvailable(string orderId) =>
        ServiceErrors.Rejected(
            ErrorReasons.NoCourierAvailable,
            $"no courier is free for order '{orderId}'; retry later",
            [new("order_id", orderId)],
            StatusCode.ResourceExhausted);

    public static ServiceException AssignmentCancelled(string orderId) =>
        ServiceErrors.Rejected(
            ErrorReasons.AssignmentCancelled,
            $"the assignment of order '{orderId}' was cancelled; a cancelled order gets no courier",
            [new("order_id", orderId)]);

    public static ServiceException WrongCourier(string orderId, string requestedCourierId, string? assignedCourierId) =>
        ServiceErrors.Rejected(
            ErrorReasons.WrongCourier,
            $"order '{orderId}' is not assigned to courier '{requestedCourierId}'",
            [new("order_id", orderId), new("courier_id", requestedCourierId), new("assigned_courier_id", assignedCourierId ?? "")]);

    public static ServiceException IllegalTransition(string orderId, AssignmentState from, AssignmentState to) =>
        ServiceErrors.IllegalTransition("assignment of order", orderId, StatusName(from), StatusName(to));

    public static ServiceException AssignmentNotFound(string orderId) => ServiceErrors.NotFound("assignment of order", orderId);

    /// <summary>The status as callers see it in the contract, e.g. PICKED_UP.</summary>
    public static string StatusName(AssignmentState state) => state switch
    {
        AssignmentState.Assigned => "ASSIGNED",
        AssignmentState.PickedUp => "PICKED_UP",
        AssignmentState.Delivered => "DELIVERED",
        AssignmentState.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Order.Orders;
using FoodDelivery.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;

namespace FoodDelivery.Order.Ordering;

/// <summary>Builds what clients see of an order: the record in this service's database plus the saga's live status.</summary>
public sealed class OrderViews(OrderStore store, SagaGateway sagas)
{
    /// <summary>The order's view; NOT_FOUND when neither the record nor the saga exists.</summary>
    public async Task<OrderView> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var status = await sagas.QueryStatusAsync(orderId, cancellationToken);
        var record = await store.FindReadOnlyAsync(orderId, cancellationToken);
        if (record is null && status is null)
        {
            throw ServiceErrors.NotFound("order", orderId);
        }

        var view = new OrderView { OrderId = orderId };
        if (record is not null)
        {
            view.Order = OrderMapper.ToMessage(record);
        }

        if (status is not null)
        {
            view.Saga = ToMessage(status);
        }

        return view;
    }

    /// <summary>The restaurant the order's record names, or null when this service has no record of it (no saga query).</summary>
    public async Task<string?> RestaurantOfAsync(string orderId, CancellationToken cancellationToken) =>
        (await store.FindReadOnlyAsync(orderId, cancellationToken))?.RestaurantId;

    public static SagaStatus ToMessage(OrderSagaStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var message = new SagaStatus
        {
            State = status.State.ToString(),
            LastError = status.LastError ?? string.Empty,
            OutcomeReason = status.OutcomeReason ?? string.Empty,
            PendingCompensation = status.PendingCompensation ?? string.Empty,
            Finished = status.IsFinished,
            CourierId = status.CourierId ?? string.Empty,
            AcceptanceDeadline = ToTimestamp(status.AcceptanceDeadline),
            CourierDeadline = ToTimestamp(status.CourierDeadline),
            PickupDeadline = ToTimestamp(status.PickupDeadline),
            DeliveryDeadline = ToTimestamp(status.DeliveryDeadline),
        };
        message.StepsDone.AddRange(status.StepsDone);
        message.CompensationsRun.AddRange(status.CompensationsRun);
        return message;
    }

    private static Timestamp? ToTimestamp(DateTime? at) =>
        at is { } value ? Timestamp.FromDateTime(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}

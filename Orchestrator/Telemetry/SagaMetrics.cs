using System.Diagnostics.Metrics;
using FoodDelivery.ServiceDefaults.Telemetry;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>
/// The saga's business metrics, on the meter <see cref="TelemetryNames.SagaMeter"/>. They are recorded by
/// <see cref="SagaMetricsInterceptor"/>, never by the workflow code itself.
/// </summary>
public static class SagaMetrics
{
    public const string OrdersPlaced = "fooddelivery.orders.placed";
    public const string OrdersConfirmed = "fooddelivery.orders.confirmed";
    public const string OrdersDelivered = "fooddelivery.orders.delivered";
    public const string OrdersCancelled = "fooddelivery.orders.cancelled";
    public const string OrdersRejected = "fooddelivery.orders.rejected";
    public const string OrdersNeedingAttention = "fooddelivery.orders.needs_attention";
    public const string CompensationsRun = "fooddelivery.saga.compensations";
    public const string SagaDuration = "fooddelivery.saga.duration";

    /// <summary>Tag of <see cref="OrdersRejected"/>: the stable reason (OUT_OF_STOCK, CARD_DECLINED, ...).</summary>
    public const string ReasonTag = "reason";

    /// <summary>Tag of <see cref="CompensationsRun"/>: the compensation step (release-items, void-or-refund, cancel-courier).</summary>
    public const string StepTag = "step";

    /// <summary>Tag of <see cref="CompensationsRun"/>: false when the step had never run, so there was nothing to undo.</summary>
    public const string UndidTag = "undid";

    /// <summary>Tag of <see cref="SagaDuration"/>: the final state (Delivered, Cancelled, Rejected).</summary>
    public const string OutcomeTag = "outcome";

    private static readonly Meter Meter = new(TelemetryNames.SagaMeter);

    internal static readonly Counter<long> Placed = Meter.CreateCounter<long>(
        OrdersPlaced, "{order}", "Orders whose saga started");

    internal static readonly Counter<long> Confirmed = Meter.CreateCounter<long>(
        OrdersConfirmed, "{order}", "Orders confirmed: restaurant accepted, courier assigned, payment captured");

    internal static readonly Counter<long> Delivered = Meter.CreateCounter<long>(
        OrdersDelivered, "{order}", "Orders delivered to the customer");

    internal static readonly Counter<long> Cancelled = Meter.CreateCounter<long>(
        OrdersCancelled, "{order}", "Orders cancelled by the customer");

    internal static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        OrdersRejected, "{order}", "Orders rejected, by reason");

    internal static readonly UpDownCounter<long> NeedingAttention = Meter.CreateUpDownCounter<long>(
        OrdersNeedingAttention, "{order}", "Orders parked in NEEDS_ATTENTION (as seen by this worker) until an operator answers");

    internal static readonly Counter<long> Compensations = Meter.CreateCounter<long>(
        CompensationsRun, "{compensation}", "Compensations completed, by step");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        SagaDuration, "s", "From the saga's start to its end (workflow time), by outcome");
}

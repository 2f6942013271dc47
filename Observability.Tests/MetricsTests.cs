using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Observability.Tests.Support;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Orchestrator.Telemetry;

namespace FoodDelivery.Observability.Tests;

/// <summary>The saga's metrics move as orders go through it (tests run one at a time, so deltas are exact).</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private ObservedSystem _system = null!;
    private OrderDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await ObservedSystem.StartAsync();
        _driver = new OrderDriver(_system);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task DeliveredOrder_CountsPlacedConfirmedDeliveredAndDuration()
    {
        var placed = TelemetryCapture.Total(SagaMetrics.OrdersPlaced);
        var confirmed = TelemetryCapture.Total(SagaMetrics.OrdersConfirmed);
        var delivered = TelemetryCapture.Total(SagaMetrics.OrdersDelivered);
        var durations = TelemetryCapture.Total(SagaMetrics.SagaDuration, (SagaMetrics.OutcomeTag, nameof(SagaState.Delivered)));

        var (orderId, _) = await _driver.PlaceTracedAsync(OrderDriver.NewOrder());
        (await _driver.DeliverAsync(orderId)).FinalState.Should().Be(SagaState.Delivered);

        (await TelemetryCapture.WaitForTotalAsync(t => t >= delivered + 1, SagaMetrics.OrdersDelivered)).Should().Be(delivered + 1);
        TelemetryCapture.Total(SagaMetrics.OrdersPlaced).Should().Be(placed + 1);
        TelemetryCapture.Total(SagaMetrics.OrdersConfirmed).Should().Be(confirmed + 1);
        TelemetryCapture.Total(SagaMetrics.SagaDuration, (SagaMetrics.OutcomeTag, nameof(SagaState.Delivered))).Should().Be(durations + 1);
    }

    [Fact]
    public async Task DeclinedOrderWithReleaseFailingForGood_CountsNeedsAttentionUntilResolvedThenRejectedByReason()
    {
        var rejected = TelemetryCapture.Total(SagaMetrics.OrdersRejected, (SagaMetrics.ReasonTag, ErrorReasons.CardDeclined));
        var parked = TelemetryCapture.Total(SagaMetrics.OrdersNeedingAttention);
        var voids = TelemetryCapture.Total(SagaMetrics.CompensationsRun, (SagaMetrics.StepTag, SagaSteps.VoidOrRefund));
        var request = OrderDriver.NewOrder(paymentToken: "tok_declined");
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        _system.Faults("restaurant").FailFirstAttempts(WireNames.IdempotencyKey(orderId, SagaSteps.ReleaseItems), 1_000_000);

        await _driver.PlaceTracedAsync(request);
        // Awaiting the result lets the DevServer's virtual time run to the release's give-up deadline.
        var result = _driver.ResultAsync(orderId);
        await _driver.WaitForStateAsync(orderId, SagaState.NeedsAttention);

        (await TelemetryCapture.WaitForTotalAsync(t => t >= parked + 1, SagaMetrics.OrdersNeedingAttention)).Should().Be(parked + 1);
        TelemetryCapture.Total(SagaMetrics.CompensationsRun, (SagaMetrics.StepTag, SagaSteps.VoidOrRefund)).Should().Be(voids + 1);
        TelemetryCapture.Total(SagaMetrics.OrdersRejected, (SagaMetrics.ReasonTag, ErrorReasons.CardDeclined)).Should().Be(rejected);

        await _system.Operators.ResolveOrderAsync(new OperatorRequest { OrderId = orderId, Note = "released the stock by hand" });
        // Polled by query, not through the long poll started above: once rejected, a fresh result call answers at once.
        await _driver.WaitForStateAsync(orderId, SagaState.Rejected);
        (await _driver.ResultAsync(orderId).WaitAsync(TimeSpan.FromSeconds(60))).FinalState.Should().Be(SagaState.Rejected);
        _ = result.ContinueWith(pending => pending.Exception, TaskScheduler.Default);

        (await TelemetryCapture.WaitForTotalAsync(t => t >= rejected + 1, SagaMetrics.OrdersRejected, (SagaMetrics.ReasonTag, ErrorReasons.CardDeclined)))
            .Should().Be(rejected + 1);
        TelemetryCapture.Total(SagaMetrics.OrdersNeedingAttention).Should().Be(parked);
    }
}

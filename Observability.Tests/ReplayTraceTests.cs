using FoodDelivery.Observability.Tests.Support;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Observability.Tests;

/// <summary>
/// A worker restart makes the next worker replay the saga's history. Replayed code must not emit its spans again:
/// the trace holds one RunWorkflow and one StartActivity per scheduled activity, and the work done after the
/// restart still joins the order's trace (under the StartWorkflow span, the last context the history carries).
/// </summary>
public sealed class ReplayTraceTests : IAsyncLifetime
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
    public async Task Worker_RestartedMidSaga_ReplayAddsNoDuplicateWorkflowSpans()
    {
        var (orderId, traceId) = await _driver.PlaceTracedAsync(OrderDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        await _system.StopWorkerAsync();
        // No worker runs: the signal waits in the engine, and the next worker replays the history before handling it.
        await _system.Saga(orderId).SignalAsync(wf => wf.RestaurantAcceptedAsync());
        await _system.StartWorkerAsync();
        var result = await _driver.DeliverAsync(orderId, alreadyAccepted: true);
        result.FinalState.Should().Be(SagaState.Delivered);

        var tree = new SpanTree(await TelemetryCapture.WaitForSpansAsync(
            traceId, spans => spans.Count(s => s.DisplayName.StartsWith("RunActivity:", StringComparison.Ordinal)) >= 11));

        var start = tree.Named("StartWorkflow:OrderSaga").Should().ContainSingle().Subject;
        var run = tree.Named("RunWorkflow:OrderSaga").Should().ContainSingle(tree.ToString()).Subject;
        tree.Named("HandleSignal:RestaurantAccepted").Should().ContainSingle(tree.ToString());
        var scheduled = tree.NamedStartingWith("StartActivity:").ToList();
        scheduled.Should().HaveCount(11, tree.ToString());
        scheduled.GroupBy(s => s.DisplayName).Should().OnlyContain(
            g => g.Count() == (g.Key == "StartActivity:TransitionOrder" ? 3 : 1), tree.ToString());
        tree.NamedStartingWith("RunActivity:").Should().HaveCount(11);

        // Before the restart under RunWorkflow; after it, the replaying worker knows only the start's context.
        string[] beforeRestart = ["StartActivity:CreateOrder", "StartActivity:ReserveItems", "StartActivity:AuthorizePayment"];
        scheduled.Where(s => beforeRestart.Contains(s.DisplayName)).Should().OnlyContain(s => s.ParentSpanId == run.SpanId);
        scheduled.Where(s => !beforeRestart.Contains(s.DisplayName)).Should().OnlyContain(s => s.ParentSpanId == start.SpanId);
    }
}

using System.Diagnostics;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator.Tests.Support;

namespace FoodDelivery.Simulator.Tests;

/// <summary>A silent restaurant or courier: the saga's own deadline (real time, a few seconds here) ends the order.</summary>
public sealed class SimulatorStallTests(ShortDeadlinesStackFixture fixture) : IClassFixture<ShortDeadlinesStackFixture>
{
    [Fact]
    public async Task Plan_StallAtRestaurant_AcceptanceDeadlineRejects()
    {
        var request = Orders.NewOrder();
        fixture.Simulator.Plan(Orders.IdOf(request), SimulatedBehaviour.StallAtRestaurant);
        var stalledBefore = fixture.Simulator.Counters.Stalled;
        var clock = Stopwatch.StartNew();

        var orderId = await Orders.PlaceAsync(fixture.Stack, request);
        var (result, view) = await Orders.EndAsync(fixture.Stack, orderId);

        result.FinalState.Should().Be(SagaState.Rejected);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(ShortDeadlinesStackFixture.Acceptance);
        view.Order.Status.Should().Be(OrderStatus.Rejected);
        view.Saga.StepsDone.Should().NotContain(FoodDelivery.Orchestrator.SagaSteps.ConfirmTicket);
        fixture.Simulator.Counters.Stalled.Should().BeGreaterThan(stalledBefore);
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }

    [Fact]
    public async Task Plan_StallPickup_PickupDeadlineRejectsAndUndoesTheOrder()
    {
        var request = Orders.NewOrder();
        fixture.Simulator.Plan(Orders.IdOf(request), SimulatedBehaviour.StallPickup);

        var orderId = await Orders.PlaceAsync(fixture.Stack, request);
        var (result, view) = await Orders.EndAsync(fixture.Stack, orderId);

        result.FinalState.Should().Be(SagaState.Rejected);
        view.Order.History.Select(h => h.To).Should().ContainInOrder(OrderStatus.Confirmed, OrderStatus.Rejected);
        view.Order.History.Select(h => h.To).Should().NotContain(OrderStatus.PickedUp);
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }
}

using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator.Tests.Support;

namespace FoodDelivery.Simulator.Tests;

/// <summary>Orders placed through the Order API, found by the simulator's discovery, with no other help.</summary>
public sealed class SimulatorDiscoveryTests(DiscoveryStackFixture fixture) : IClassFixture<DiscoveryStackFixture>
{
    [Fact]
    public async Task Discovery_NormalOrder_ReachesDelivered()
    {
        var orderId = await Orders.PlaceAsync(fixture.Stack, Orders.NewOrder());

        var (result, view) = await Orders.EndAsync(fixture.Stack, orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        view.Order.Status.Should().Be(OrderStatus.Delivered);
        view.Order.History.Select(h => h.To).Should().ContainInOrder(OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered);
        // The saga may end before the simulator's ConfirmDelivered call has returned (and been counted).
        await Polling.UntilAsync(() => fixture.Simulator.Counters.Delivered >= 1, "the delivery to be counted");
        fixture.Simulator.Counters.Accepted.Should().BeGreaterThanOrEqualTo(1);
        fixture.Simulator.Counters.PickedUp.Should().BeGreaterThanOrEqualTo(1);
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }

    [Fact]
    public async Task Plan_RejectAtRestaurant_EndsRejectedWithTheReason()
    {
        var request = Orders.NewOrder();
        fixture.Simulator.Plan(Orders.IdOf(request), SimulatedBehaviour.RejectAtRestaurant, "out of dough");

        var orderId = await Orders.PlaceAsync(fixture.Stack, request);
        var (result, view) = await Orders.EndAsync(fixture.Stack, orderId);

        result.FinalState.Should().Be(SagaState.Rejected);
        result.Reason.Should().Contain("out of dough");
        view.Order.Status.Should().Be(OrderStatus.Rejected);
        view.Saga.StepsDone.Should().NotContain(SagaSteps.ConfirmTicket);
        await Polling.UntilAsync(() => fixture.Simulator.Counters.Rejected >= 1, "the rejection to be counted");
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }

    [Fact]
    public async Task ConfigRule_CustomerPrefix_RejectsWithTheRuleReason()
    {
        var orderId = await Orders.PlaceAsync(fixture.Stack, Orders.NewOrder(customerId: DiscoveryStackFixture.GrumpyPrefix + "bob"));

        var (result, view) = await Orders.EndAsync(fixture.Stack, orderId);

        result.FinalState.Should().Be(SagaState.Rejected);
        result.Reason.Should().Contain(DiscoveryStackFixture.RuleReason);
        view.Order.Status.Should().Be(OrderStatus.Rejected);
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }
}

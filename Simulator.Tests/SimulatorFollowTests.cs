using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator.Tests.Support;

namespace FoodDelivery.Simulator.Tests;

/// <summary>With discovery off, an in-process caller hands the simulator its orders (the demo and benchmark path).</summary>
public sealed class SimulatorFollowTests(FollowOnlyStackFixture fixture) : IClassFixture<FollowOnlyStackFixture>
{
    [Fact]
    public async Task Follow_BeforeTheOrderIsPlaced_DrivesItToDelivered()
    {
        var request = Orders.NewOrder();
        var orderId = Orders.IdOf(request);

        fixture.Simulator.Follow(orderId).Should().BeTrue();
        fixture.Simulator.Follow(orderId).Should().BeFalse("the order is already followed");
        (await Orders.PlaceAsync(fixture.Stack, request)).Should().Be(orderId);
        var (result, view) = await Orders.EndAsync(fixture.Stack, orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        view.Order.Status.Should().Be(OrderStatus.Delivered);
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }

    [Fact]
    public async Task Follow_MoreOrdersThanSlots_QueuesAndDeliversEveryOne()
    {
        // An earlier test's follower may still be finishing its last report.
        await Polling.UntilAsync(() => fixture.Simulator.Counters.Following == 0, "earlier followers to end");
        var requests = Enumerable.Range(0, 4 * FollowOnlyStackFixture.MaxConcurrentOrders).Select(_ => Orders.NewOrder()).ToList();
        var deliveredBefore = fixture.Simulator.Counters.Delivered;

        foreach (var request in requests)
        {
            fixture.Simulator.Follow(Orders.IdOf(request)).Should().BeTrue();
        }

        fixture.Simulator.Counters.Following.Should().Be(requests.Count, "orders waiting for a slot count as followed");
        var ended = await Task.WhenAll(requests.Select(async request =>
            await Orders.EndAsync(fixture.Stack, await Orders.PlaceAsync(fixture.Stack, request))));

        ended.Select(e => e.Result.FinalState).Should().AllBeEquivalentTo(SagaState.Delivered);
        await Polling.UntilAsync(() => fixture.Simulator.Counters.Following == 0, "every follower to end");
        fixture.Simulator.Counters.Delivered.Should().Be(deliveredBefore + requests.Count);
        await Orders.AuditIsCleanAsync(fixture.Stack);
    }
}

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
}

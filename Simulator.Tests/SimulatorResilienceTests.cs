using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoodDelivery.Simulator.Tests;

/// <summary>The simulator against an Order service it cannot reach for a while, and stopping while it waits.</summary>
public sealed class SimulatorResilienceTests
{
    private static FulfillmentSimulator NewSimulator(FoodDeliveryStack stack, Uri orderAddress)
    {
        var options = SimulatorOptions.Instant();
        options.DiscoveryInterval = TimeSpan.Zero;
        return new FulfillmentSimulator(options, stack.Client, orderAddress, NullLogger<FulfillmentSimulator>.Instance);
    }

    [Fact]
    public async Task Follow_OrderServiceUnreachableForAWhile_RetriesAndDelivers()
    {
        await using var stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions());
        await using var relay = TcpRelay.Start(stack.Services.Order.Address);
        using var simulator = NewSimulator(stack, relay.Address);
        await simulator.StartAsync(CancellationToken.None);
        var request = Orders.NewOrder();

        relay.Cut();
        simulator.Follow(Orders.IdOf(request)).Should().BeTrue();
        var orderId = await Orders.PlaceAsync(stack, request);
        await Polling.UntilAsync(() => relay.Refused >= 3, "the simulator to retry against the unreachable Order service");
        relay.Restore();
        var (result, _) = await Orders.EndAsync(stack, orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        await Polling.UntilAsync(() => simulator.Counters.Following == 0, "the follower to end");
        simulator.Counters.Should().BeEquivalentTo(new { Accepted = 1, PickedUp = 1, Delivered = 1, Rejected = 0, Stalled = 0 });
        await simulator.StopAsync(CancellationToken.None);
        await Orders.AuditIsCleanAsync(stack);
    }

    [Fact]
    public async Task StopAsync_WhileFollowingAnOrderThatNeverComes_EndsPromptlyAndFollowsNothing()
    {
        await using var stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions());
        using var simulator = NewSimulator(stack, stack.Services.Order.Address);
        await simulator.StartAsync(CancellationToken.None);
        simulator.Follow("ord-never-placed").Should().BeTrue();

        await simulator.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        simulator.Counters.Following.Should().Be(0);
        simulator.Follow("ord-after-stop").Should().BeFalse("a stopped simulator takes no new orders");
    }
}

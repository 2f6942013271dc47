using System.Diagnostics;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Simulator;

namespace FoodDelivery.Bench;

/// <summary>
/// An order as a customer places it: PlaceOrder on the Order API (which starts the saga), the simulator told to follow
/// it at once (no discovery delay; zero human delays), and its history followed to CONFIRMED and to the end.
/// </summary>
public sealed class SagaDriver(
    OrderingApi.OrderingApiClient ordering,
    FulfillmentSimulator simulator,
    SagaHistoryFollower follower,
    OrderFactory orders) : IOrderDriver
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    public string Name => "saga";

    public async Task<OrderOutcome> RunAsync(long n, Scenario scenario, long startedAt, CancellationToken cancellationToken)
    {
        var request = orders.Create(Name, n, scenario);
        var orderId = OrderFactory.OrderIdOf(request);

        // Told before the order exists, so the simulator is already watching when the saga waits for the restaurant.
        simulator.Follow(orderId);
        await ordering.PlaceOrderAsync(request, deadline: DateTime.UtcNow + CallDeadline, cancellationToken: cancellationToken);
        var end = await follower.FollowAsync(orderId, cancellationToken);
        return new OrderOutcome(
            orderId,
            scenario,
            end.FinalState,
            end.Reason,
            end.ConfirmedAt is { } confirmed ? Stopwatch.GetElapsedTime(startedAt, confirmed) : null,
            Stopwatch.GetElapsedTime(startedAt, end.EndedAt),
            Error: null);
    }
}

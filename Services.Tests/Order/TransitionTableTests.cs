using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using Grpc.Core;
using static FoodDelivery.Order.Tests.RpcAssertions;

namespace FoodDelivery.Order.Tests;

/// <summary>
/// Every (from, to) pair of order statuses against the transition table of the design, written out here on its own
/// so the service's table is checked, not restated. One service for the whole class; each case has its own order.
/// </summary>
public sealed class TransitionTableTests(OrderServiceFixture service) : IClassFixture<OrderServiceFixture>
{
    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Legal =
    [
        (OrderStatus.Pending, OrderStatus.Confirmed),
        (OrderStatus.Pending, OrderStatus.Cancelled),
        (OrderStatus.Pending, OrderStatus.Rejected),
        (OrderStatus.Pending, OrderStatus.NeedsAttention),
        (OrderStatus.Confirmed, OrderStatus.PickedUp),
        (OrderStatus.Confirmed, OrderStatus.Cancelled),
        (OrderStatus.Confirmed, OrderStatus.Rejected),
        (OrderStatus.Confirmed, OrderStatus.NeedsAttention),
        (OrderStatus.PickedUp, OrderStatus.Delivered),
        (OrderStatus.PickedUp, OrderStatus.NeedsAttention),
        (OrderStatus.NeedsAttention, OrderStatus.Cancelled),
        (OrderStatus.NeedsAttention, OrderStatus.Rejected),
        (OrderStatus.NeedsAttention, OrderStatus.Confirmed),
    ];

    /// <summary>A legal way from PENDING to each status.</summary>
    private static readonly Dictionary<OrderStatus, OrderStatus[]> PathTo = new()
    {
        [OrderStatus.Pending] = [],
        [OrderStatus.Confirmed] = [OrderStatus.Confirmed],
        [OrderStatus.PickedUp] = [OrderStatus.Confirmed, OrderStatus.PickedUp],
        [OrderStatus.Delivered] = [OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered],
        [OrderStatus.Cancelled] = [OrderStatus.Cancelled],
        [OrderStatus.Rejected] = [OrderStatus.Rejected],
        [OrderStatus.NeedsAttention] = [OrderStatus.NeedsAttention],
    };

    public static TheoryData<OrderStatus, OrderStatus> AllPairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in PathTo.Keys)
        {
            foreach (var to in PathTo.Keys)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void AllPairs_CoverEveryStatusButUnspecified() =>
        PathTo.Keys.Should().BeEquivalentTo(Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Unspecified));

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task TransitionOrder_FromEachStatusToEachStatus_FollowsTheTransitionTable(OrderStatus from, OrderStatus to)
    {
        var orderId = $"table-{from}-{to}";
        var before = await service.Client.CreateOrderAsync(OrderRequests.Create(orderId));
        foreach (var step in PathTo[from])
        {
            before = await service.Client.TransitionOrderAsync(OrderRequests.Transition(orderId, step));
        }

        before.Status.Should().Be(from);
        var request = OrderRequests.Transition(orderId, to, key: $"{orderId}:under-test", reason: "table test");

        if (from == to)
        {
            var unchanged = await service.Client.TransitionOrderAsync(request);
            unchanged.Should().Be(before);
        }
        else if (Legal.Contains((from, to)))
        {
            var moved = await service.Client.TransitionOrderAsync(request);
            moved.Status.Should().Be(to);
            moved.History.Should().HaveCount(before.History.Count + 1);
            moved.History[^1].Should().BeEquivalentTo(new { From = from, To = to, Reason = "table test" });
        }
        else
        {
            var (code, info, _) = await RefusalOf(() => service.Client.TransitionOrderAsync(request).ResponseAsync);
            code.Should().Be(StatusCode.FailedPrecondition);
            info.Reason.Should().Be(ErrorReasons.IllegalTransition);
            info.Metadata["from"].Should().Be(WireName(from));
            info.Metadata["to"].Should().Be(WireName(to));
        }

        var after = await service.Client.GetOrderAsync(new GetOrderRequest { OrderId = orderId });
        after.Status.Should().Be(Legal.Contains((from, to)) ? to : from);
    }

    private static string WireName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "ORDER_STATUS_PENDING",
        OrderStatus.Confirmed => "ORDER_STATUS_CONFIRMED",
        OrderStatus.PickedUp => "ORDER_STATUS_PICKED_UP",
        OrderStatus.Delivered => "ORDER_STATUS_DELIVERED",
        OrderStatus.Cancelled => "ORDER_STATUS_CANCELLED",
        OrderStatus.Rejected => "ORDER_STATUS_REJECTED",
        OrderStatus.NeedsAttention => "ORDER_STATUS_NEEDS_ATTENTION",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.Delivery.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task AssignCourier_ThirtyConcurrentOrdersAgainstTwoCouriersOfCapacityTwo_ExactlyFourSucceed()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 2);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => TryAssignAsync(delivery, $"order-{i}")));

        var assigned = outcomes.Where(o => o.Assignment is not null).Select(o => o.Assignment!).ToList();
        var refused = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        assigned.Should().HaveCount(4);
        refused.Should().HaveCount(26);
        refused.Should().OnlyContain(e => e.StatusCode == StatusCode.ResourceExhausted);
        refused.Select(e => e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason).Should().OnlyContain(r => r == ErrorReasons.NoCourierAvailable);
        assigned.GroupBy(a => a.CourierId).Should().OnlyContain(g => g.Count() == 2, "each courier takes exactly its capacity");
        var couriers = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());
        couriers.Couriers.Should().OnlyContain(c => c.ActiveAssignments == c.Capacity, "capacities end exactly full");
        (await delivery.AssignmentCountAsync()).Should().Be(4);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_TenConcurrentCallsForOneOrderWithDifferentKeys_AssignOneCourierOnce()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 3, capacity: 2);

        var outcomes = await Task.WhenAll(
            Enumerable.Range(1, 10).Select(i => TryAssignAsync(delivery, "order-1", key: $"order-1:assign:{i}")));

        outcomes.Should().OnlyContain(o => o.Error == null);
        outcomes.Select(o => o.Assignment!.CourierId).Distinct().Should().ContainSingle();
        (await delivery.AssignmentCountAsync()).Should().Be(1);
        var couriers = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());
        couriers.Couriers.Sum(c => c.ActiveAssignments).Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_RacingAssignCourierForTheSameOrders_EveryOrderEndsCancelledWithNoCourierHeld()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 5);
        var orders = Enumerable.Range(1, 10).Select(i => $"order-{i}").ToList();

        // The saga's worst case: its AssignCourier is still in flight when it gives up and compensates. Half the
        // orders send the cancel first, so both orders of arrival are likely to happen.
        var assigns = new List<Task<Outcome>>();
        var cancels = new List<Task<CancelAssignmentResponse>>();
        for (var i = 0; i < orders.Count; i++)
        {
            if (i % 2 == 0)
            {
                cancels.Add(delivery.Client.CancelAssignmentAsync(Requests.Cancel(orders[i])).ResponseAsync);
                assigns.Add(TryAssignAsync(delivery, orders[i]));
            }
            else
            {
                assigns.Add(TryAssignAsync(delivery, orders[i]));
                cancels.Add(delivery.Client.CancelAssignmentAsync(Requests.Cancel(orders[i])).ResponseAsync);
            }
        }

        var assignOutcomes = await Task.WhenAll(assigns);
        var cancelResponses = await Task.WhenAll(cancels);

        assignOutcomes.Where(o => o.Error is not null)
            .Select(o => o.Error!.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason)
            .Where(reason => reason != ErrorReasons.AssignmentCancelled)
            .Should().BeEmpty("an assign that lost the race finds the tombstone, and nothing else may go wrong");
        cancelResponses.Should().OnlyContain(r => r.Assignment.Status == AssignmentStatus.Cancelled);
        cancelResponses.Count(r => r.Cancelled).Should().Be(
            assignOutcomes.Count(o => o.Assignment is not null), "exactly the assigns that won were cancelled");
        var couriers = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());
        couriers.Couriers.Should().OnlyContain(c => c.ActiveAssignments == 0, "no dead order keeps a courier");
        (await delivery.AssignmentCountAsync()).Should().Be(orders.Count);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task Courier_UpdateFromStaleVersion_IsRejectedByTheConcurrencyToken()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 2);
        await using var firstScope = delivery.Service.Services.CreateAsyncScope();
        await using var secondScope = delivery.Service.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<Persistence.DeliveryDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<Persistence.DeliveryDbContext>();
        var firstCopy = await first.Couriers.SingleAsync();
        var secondCopy = await second.Couriers.SingleAsync();

        firstCopy.TakeOne();
        await first.SaveChangesAsync();
        secondCopy.TakeOne();
        var lostRace = () => second.SaveChangesAsync();

        await lostRace.Should().ThrowAsync<DbUpdateConcurrencyException>("both read the same version; only one may win");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1);
    }

    private static async Task<Outcome> TryAssignAsync(DeliveryServiceFixture delivery, string orderId, string? key = null)
    {
        try
        {
            return new Outcome(await delivery.Client.AssignCourierAsync(Requests.Assign(orderId, key)), null);
        }
        catch (RpcException error)
        {
            return new Outcome(null, error);
        }
    }

    private sealed record Outcome(Assignment? Assignment, RpcException? Error);
}

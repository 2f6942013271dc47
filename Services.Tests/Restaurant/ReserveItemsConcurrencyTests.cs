using FoodDelivery.Contracts;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests;

public sealed class ReserveItemsConcurrencyTests : RestaurantTestBase
{
    [Fact]
    public async Task ReserveItems_FiftyConcurrentOrdersForStockOfTen_ExactlyTenSucceedAndNoOversell()
    {
        await Service.AddItemAsync("item-limited", stock: 10);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 50).Select(async n =>
        {
            try
            {
                await ReserveAsync($"order-{n}", ("item-limited", 1));
                return "HELD";
            }
            catch (RpcException ex)
            {
                return ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? ex.StatusCode.ToString();
            }
        }));

        outcomes.Count(o => o == "HELD").Should().Be(10);
        outcomes.Count(o => o == ErrorReasons.OutOfStock).Should().Be(40);
        var item = await Service.ItemAsync("item-limited");
        (item.Available, item.Held, item.Consumed, item.InitialStock).Should().Be((0, 10, 0, 10));
        (await Service.ReservationCountAsync()).Should().Be(10);
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task ReserveItems_ConcurrentRetriesOfOneOrderWithDifferentKeys_HoldOnce()
    {
        var requests = Enumerable.Range(1, 10)
            .Select(n => ReserveRequest("order-1", $"order-1:reserve:{n}", Pizzeria, ("item-margherita", 2)));

        var responses = await Task.WhenAll(requests.Select(r => Client.ReserveItemsAsync(r).ResponseAsync));

        responses.Should().AllSatisfy(r => r.Should().Be(responses[0]));
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(2);
        (await Service.ReservationCountAsync()).Should().Be(1);
    }
}

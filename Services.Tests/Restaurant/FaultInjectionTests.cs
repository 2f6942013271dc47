using FoodDelivery.Restaurant.Tests.Infrastructure;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests;

public sealed class FaultInjectionTests : RestaurantTestBase
{
    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["FaultInjection:Enabled"] = "true" };

    [Fact]
    public async Task ReserveItems_FirstAttemptsFailTransiently_RetryWithSameKeySucceedsWithOneHold()
    {
        var request = ReserveRequest("order-1", ("item-margherita", 2));
        Service.Faults.FailFirstAttempts(request.IdempotencyKey, 2);
        var call = () => Client.ReserveItemsAsync(request).ResponseAsync;

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(0, "an injected fault fails before any effect");

        var reservation = await call();
        var repeat = await call();

        repeat.Should().Be(reservation);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(2);
        (await Service.ReservationCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ReleaseItems_FirstAttemptFailsTransiently_RetryReleasesOnce()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        Service.Faults.FailFirstAttempts("order-1:release", 1);

        var first = () => ReleaseAsync("order-1");
        (await first.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        var released = await ReleaseAsync("order-1");

        released.Released.Should().BeTrue();
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held).Should().Be((50, 0));
    }
}

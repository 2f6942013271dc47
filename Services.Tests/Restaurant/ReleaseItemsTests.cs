using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests;

public sealed class ReleaseItemsTests : RestaurantTestBase
{
    [Fact]
    public async Task ReleaseItems_HeldReservation_GivesStockBackAndReportsReleased()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));

        var response = await ReleaseAsync("order-1");

        response.Released.Should().BeTrue();
        response.Reservation.Status.Should().Be(ReservationStatus.Released);
        response.Reservation.Tombstone.Should().BeFalse();
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held, item.Consumed).Should().Be((50, 0, 0));
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task ReleaseItems_RepeatedWithSameKey_ReturnsSameResponseAndReleasesOnce()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));

        var first = await ReleaseAsync("order-1");
        var second = await ReleaseAsync("order-1");

        second.Should().Be(first);
        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50);
    }

    [Fact]
    public async Task ReleaseItems_AlreadyReleasedWithNewKey_IsNoOp()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        await ReleaseAsync("order-1");

        var again = await ReleaseAsync("order-1", key: "order-1:release:again");

        again.Released.Should().BeFalse();
        again.Reservation.Status.Should().Be(ReservationStatus.Released);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held).Should().Be((50, 0));
    }

    [Fact]
    public async Task ReleaseItems_BeforeReserve_LeavesTombstoneAndLateReserveIsRefusedWithoutTakingStock()
    {
        var release = await ReleaseAsync("order-1");

        release.Released.Should().BeFalse();
        release.Reservation.Tombstone.Should().BeTrue();
        release.Reservation.Status.Should().Be(ReservationStatus.Released);

        var lateReserve = () => ReserveAsync("order-1", ("item-margherita", 2));

        await lateReserve.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.ReservationReleased);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held).Should().Be((50, 0));
        (await Service.ReservationCountAsync()).Should().Be(1, "only the tombstone");
        (await Client.GetReservationAsync(new GetReservationRequest { OrderId = "order-1" })).Tombstone.Should().BeTrue();
    }

    [Fact]
    public async Task ReleaseItems_AfterAcceptance_GivesConsumedStockBack()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        await AcceptAsync("order-1");

        var response = await ReleaseAsync("order-1");

        response.Released.Should().BeTrue();
        response.Reservation.Status.Should().Be(ReservationStatus.Released);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held, item.Consumed).Should().Be((50, 0, 0));
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task ReleaseItems_SameKeyForAnotherOrder_RefusedKeyReusedAndNothingChanges()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        await ReserveAsync("order-2", ("item-margherita", 1));
        await ReleaseAsync("order-1", key: "shared-key");

        var act = () => ReleaseAsync("order-2", key: "shared-key");

        await act.ShouldBeRefusedAsync(StatusCode.InvalidArgument, ErrorReasons.IdempotencyKeyReused);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(1);
    }

    [Fact]
    public async Task ReleaseItems_InvalidRequest_InvalidArgumentAndNothingWritten()
    {
        var act = () => Client.ReleaseItemsAsync(new ReleaseItemsRequest { OrderId = string.Empty, Reason = "bad\u0001reason" }).ResponseAsync;

        (await act.ShouldBeInvalidAsync()).Should().BeEquivalentTo("idempotency_key", "order_id", "reason");
        (await Service.ReservationCountAsync()).Should().Be(0);
        (await Service.IdempotencyRecordCountAsync()).Should().Be(0);
    }
}

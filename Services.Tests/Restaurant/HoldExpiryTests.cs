using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests;

public sealed class HoldExpiryTests : RestaurantTestBase
{
    private static readonly TimeSpan HoldDuration = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Sweep_HoldPastHoldDuration_ExpiresItAndGivesStockBack()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        Service.Time.Advance(HoldDuration + TimeSpan.FromSeconds(1));

        var expired = await Service.SweepAsync();

        expired.Should().Be(1);
        var reservation = await Client.GetReservationAsync(new GetReservationRequest { OrderId = "order-1" });
        reservation.Status.Should().Be(ReservationStatus.Expired);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held).Should().Be((50, 0));
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task Sweep_HoldNotYetDue_LeavesItHeld()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        Service.Time.Advance(HoldDuration - TimeSpan.FromSeconds(1));

        var expired = await Service.SweepAsync();

        expired.Should().Be(0);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(2);
    }

    [Fact]
    public async Task Sweep_RepeatedOrAfterAcceptAndRelease_ChangesNothingMore()
    {
        await ReserveAsync("order-expiring", ("item-margherita", 2));
        await ReserveAsync("order-accepted", ("item-diavola", 1));
        await ReserveAsync("order-released", ("item-tiramisu", 1));
        await AcceptAsync("order-accepted");
        await ReleaseAsync("order-released");
        Service.Time.Advance(HoldDuration * 2);

        (await Service.SweepAsync()).Should().Be(1);
        (await Service.SweepAsync()).Should().Be(0);

        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50);
        (await Service.ItemAsync("item-diavola")).Consumed.Should().Be(1);
        (await Service.ItemAsync("item-tiramisu")).Available.Should().Be(20);
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task AcceptTicket_AfterHoldExpiredBeforeSweep_RefusedHoldExpiredWithStockBack()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        Service.Time.Advance(HoldDuration);

        var accept = () => AcceptAsync("order-1");

        await accept.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.HoldExpired);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held, item.Consumed).Should().Be((50, 0, 0));
        (await Client.GetReservationAsync(new GetReservationRequest { OrderId = "order-1" })).Status
            .Should().Be(ReservationStatus.Expired);
        (await Service.SweepAsync()).Should().Be(0, "the acceptance already expired it");

        // Asked again (same key replays, a new key finds it expired): refused the same way, stock untouched.
        await accept.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.HoldExpired);
        var again = () => AcceptAsync("order-1", key: "order-1:accept:again");
        await again.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.HoldExpired);
        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50);
    }

    [Fact]
    public async Task ReserveItems_AfterHoldExpired_RefusedReservationReleased()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        Service.Time.Advance(HoldDuration);
        await Service.SweepAsync();

        var retry = () => Client.ReserveItemsAsync(
            ReserveRequest("order-1", "order-1:reserve:late", Pizzeria, ("item-margherita", 2))).ResponseAsync;

        await retry.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.ReservationReleased);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(0);
    }

    [Fact]
    public async Task ReleaseItems_AfterHoldExpired_IsNoOp()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        Service.Time.Advance(HoldDuration);
        await Service.SweepAsync();

        var release = await ReleaseAsync("order-1");

        release.Released.Should().BeFalse();
        release.Reservation.Status.Should().Be(ReservationStatus.Expired);
        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50);
    }
}

public sealed class HoldExpiryServiceTests : RestaurantTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Restaurant:HoldDuration"] = "00:01:00",
        ["Restaurant:ExpirySweepInterval"] = "00:00:05",
    };

    [Fact]
    public async Task BackgroundSweep_ClockPassesConfiguredHoldDuration_ExpiresHoldOnNextTick()
    {
        var reservation = await ReserveAsync("order-1", ("item-margherita", 2));
        reservation.ExpiresAt.ToDateTimeOffset().Should().Be(TestRestaurantService.StartTime.AddMinutes(1));

        Service.Time.Advance(TimeSpan.FromSeconds(65));

        // The fake clock fired the timer; the sweep itself runs on a background thread, so wait for its effect.
        var status = ReservationStatus.Held;
        for (var attempt = 0; attempt < 200 && status != ReservationStatus.Expired; attempt++)
        {
            await Task.Delay(25);
            status = (await Client.GetReservationAsync(new GetReservationRequest { OrderId = "order-1" })).Status;
        }

        status.Should().Be(ReservationStatus.Expired);
        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50);
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests;

public sealed class TicketTests : RestaurantTestBase
{
    [Fact]
    public async Task AcceptTicket_HeldReservation_ConfirmsAndConsumesStock()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));

        var reservation = await AcceptAsync("order-1");

        reservation.Status.Should().Be(ReservationStatus.Confirmed);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held, item.Consumed).Should().Be((48, 0, 2));
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task AcceptTicket_AlreadyConfirmedWithNewKey_ReturnsItWithoutConsumingTwice()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        var first = await AcceptAsync("order-1");

        var second = await AcceptAsync("order-1", key: "order-1:accept:again");

        second.Should().Be(first);
        (await Service.ItemAsync("item-margherita")).Consumed.Should().Be(2);
    }

    [Fact]
    public async Task AcceptTicket_ReleasedReservation_RefusedIllegalTransition()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        await ReleaseAsync("order-1");

        var act = () => AcceptAsync("order-1");

        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        (await Service.ItemAsync("item-margherita")).Consumed.Should().Be(0);
    }

    [Fact]
    public async Task AcceptTicket_Tombstone_RefusedIllegalTransition()
    {
        await ReleaseAsync("order-1");

        var act = () => AcceptAsync("order-1");

        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
    }

    [Fact]
    public async Task AcceptTicket_UnknownOrder_RefusedNotFound()
    {
        var act = () => AcceptAsync("order-unknown");

        await act.ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
        (await Service.ReservationCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AcceptTicket_InvalidRequest_InvalidArgument()
    {
        var act = () => Client.AcceptTicketAsync(new AcceptTicketRequest { IdempotencyKey = "k", OrderId = "has space" }).ResponseAsync;

        (await act.ShouldBeInvalidAsync()).Should().Equal("order_id");
    }

    [Fact]
    public async Task RejectTicket_HeldReservation_ReleasesStock()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));

        var reservation = await RejectAsync("order-1");

        reservation.Status.Should().Be(ReservationStatus.Released);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held).Should().Be((50, 0));
    }

    [Fact]
    public async Task RejectTicket_RepeatedWithSameOrNewKey_ReleasesOnce()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        var first = await RejectAsync("order-1");

        var sameKey = await RejectAsync("order-1");
        var newKey = await RejectAsync("order-1", key: "order-1:reject:again");

        sameKey.Should().Be(first);
        newKey.Status.Should().Be(ReservationStatus.Released);
        var item = await Service.ItemAsync("item-margherita");
        (item.Available, item.Held).Should().Be((50, 0));
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task RejectTicket_ConfirmedReservation_RefusedIllegalTransition()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        await AcceptAsync("order-1");

        var act = () => RejectAsync("order-1");

        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);
        (await Service.ItemAsync("item-margherita")).Consumed.Should().Be(2);
    }

    [Fact]
    public async Task RejectTicket_UnknownOrder_RefusedNotFound()
    {
        var act = () => RejectAsync("order-unknown");

        await act.ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
    }
}

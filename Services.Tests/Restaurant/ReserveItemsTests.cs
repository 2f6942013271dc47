using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Tests;

public sealed class ReserveItemsTests : RestaurantTestBase
{
    [Fact]
    public async Task ReserveItems_AvailableItems_HoldsStockUntilHoldDuration()
    {
        var reservation = await ReserveAsync("order-1", ("item-margherita", 2), ("item-tiramisu", 1));

        reservation.Status.Should().Be(ReservationStatus.Held);
        reservation.OrderId.Should().Be("order-1");
        reservation.RestaurantId.Should().Be(Pizzeria);
        reservation.Tombstone.Should().BeFalse();
        reservation.Items.Select(i => (i.ItemId, i.Quantity, i.UnitPrice.AmountMinor))
            .Should().BeEquivalentTo([("item-margherita", 2, 950L), ("item-tiramisu", 1, 650L)]);
        reservation.Total.AmountMinor.Should().Be((2 * 950) + 650);
        reservation.Total.Currency.Should().Be("EUR");
        reservation.ExpiresAt.Should().Be(Timestamp.FromDateTimeOffset(TestRestaurantService.StartTime.AddMinutes(15)));

        var margherita = await Service.ItemAsync("item-margherita");
        (margherita.Available, margherita.Held, margherita.Consumed).Should().Be((48, 2, 0));
        (await Service.ItemAsync("item-tiramisu")).Held.Should().Be(1);
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task ReserveItems_SameKeyRepeated_ReturnsSameResponseWithOneHold()
    {
        var request = ReserveRequest("order-1", ("item-margherita", 3));

        var first = await Client.ReserveItemsAsync(request);
        Service.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Client.ReserveItemsAsync(request);

        second.Should().Be(first);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(3);
        (await Service.ReservationCountAsync()).Should().Be(1);
        (await Service.IdempotencyRecordCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ReserveItems_SameKeyDifferentItems_RefusedKeyReusedAndNothingChanges()
    {
        await ReserveAsync("order-1", ("item-margherita", 1));
        var reused = ReserveRequest("order-1", ("item-margherita", 5));

        var act = () => Client.ReserveItemsAsync(reused).ResponseAsync;

        await act.ShouldBeRefusedAsync(StatusCode.InvalidArgument, ErrorReasons.IdempotencyKeyReused);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(1);
        (await Service.ReservationCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ReserveItems_SameOrderNewKeySameItems_ReturnsExistingHoldWithoutSecondHold()
    {
        var first = await ReserveAsync("order-1", ("item-margherita", 2), ("item-diavola", 1));
        var retry = ReserveRequest("order-1", "order-1:reserve:second-attempt", Pizzeria, ("item-diavola", 1), ("item-margherita", 2));

        var second = await Client.ReserveItemsAsync(retry);

        second.Should().Be(first);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(2);
        (await Service.ItemAsync("item-diavola")).Held.Should().Be(1);
    }

    [Fact]
    public async Task ReserveItems_SameOrderOtherItems_RefusedAlreadyExists()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        var other = ReserveRequest("order-1", "order-1:reserve:other", Pizzeria, ("item-margherita", 3));

        var act = () => Client.ReserveItemsAsync(other).ResponseAsync;

        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.AlreadyExists);
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(2);
    }

    [Fact]
    public async Task ReserveItems_OneLineShortOfStock_RefusedOutOfStockNamingItAndTakesNothing()
    {
        await Service.AddItemAsync("item-last-slice", stock: 1);
        await ReserveAsync("order-1", ("item-last-slice", 1));

        var act = () => ReserveAsync("order-2", ("item-margherita", 2), ("item-last-slice", 1), ("item-tiramisu", 21));

        var info = await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.OutOfStock);
        info.Metadata[ErrorReasons.ItemsMetadataKey].Should().Be("item-last-slice,item-tiramisu");
        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50, "all lines or none");
        (await Service.ReservationCountAsync()).Should().Be(1);
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task ReserveItems_RefusalRepeatedWithSameKey_ReplaysStoredRefusal()
    {
        await Service.AddItemAsync("item-last-slice", stock: 1);
        await ReserveAsync("order-1", ("item-last-slice", 1));
        var request = ReserveRequest("order-2", ("item-last-slice", 1));
        var act = () => Client.ReserveItemsAsync(request).ResponseAsync;
        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.OutOfStock);
        await ReleaseAsync("order-1");

        // The stock is back, but the stored outcome of this key is final.
        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.OutOfStock);
        (await Service.ItemAsync("item-last-slice")).Available.Should().Be(1);
    }

    [Fact]
    public async Task ReserveItems_InactiveUnknownAndForeignItems_RefusedItemUnavailableNamingAll()
    {
        var act = () => ReserveAsync(
            "order-1", ("item-margherita", 1), ("item-truffle-pizza", 1), ("item-nope", 1), ("item-fries", 1));

        var info = await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.ItemUnavailable);
        info.Metadata[ErrorReasons.ItemsMetadataKey].Should().Be("item-truffle-pizza,item-nope,item-fries");
        (await Service.ItemAsync("item-margherita")).Available.Should().Be(50);
        (await Service.ReservationCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ReserveItems_UnknownRestaurant_RefusedNotFound()
    {
        var act = () => Client.ReserveItemsAsync(ReserveRequest("order-1", "k-1", "rest-nowhere", ("item-margherita", 1))).ResponseAsync;

        await act.ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
        (await Service.ReservationCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ReserveItems_ItemsInDifferentCurrencies_RefusedCurrencyMismatch()
    {
        await Service.AddItemAsync("item-imported-soda", 10, currency: "USD");

        var act = () => ReserveAsync("order-1", ("item-margherita", 1), ("item-imported-soda", 1));

        await act.ShouldBeRefusedAsync(StatusCode.FailedPrecondition, ErrorReasons.CurrencyMismatch);
        (await Service.ReservationCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ReserveItems_InvalidRequest_InvalidArgumentNamingEveryFieldAndNothingWritten()
    {
        var request = ReserveRequest(
            "order 1", string.Empty, string.Empty, ("item-margherita", 1), ("item-margherita", 2), ("item-diavola", 0), ("item-tiramisu", 101), (string.Empty, 1));

        var act = () => Client.ReserveItemsAsync(request).ResponseAsync;

        var fields = await act.ShouldBeInvalidAsync();
        fields.Should().BeEquivalentTo(
            "idempotency_key", "order_id", "restaurant_id", "items[1].item_id", "items[2].quantity", "items[3].quantity", "items[4].item_id");
        (await Service.ReservationCountAsync()).Should().Be(0);
        (await Service.IdempotencyRecordCountAsync()).Should().Be(0);
        (await Service.QueryAsync(db => db.MenuItems.SumAsync(i => i.Held))).Should().Be(0);
    }

    [Fact]
    public async Task ReserveItems_NoItems_InvalidArgument()
    {
        var act = () => Client.ReserveItemsAsync(ReserveRequest("order-1")).ResponseAsync;

        (await act.ShouldBeInvalidAsync()).Should().Equal("items");
    }
}

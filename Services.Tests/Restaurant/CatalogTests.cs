using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Tests;

public sealed class CatalogTests : RestaurantTestBase
{
    [Fact]
    public async Task ListRestaurants_SeededDatabase_ReturnsTheDemoRestaurants()
    {
        var response = await Client.ListRestaurantsAsync(new ListRestaurantsRequest());

        response.Restaurants.Select(r => r.RestaurantId).Should().Equal("rest-burger", "rest-pizzeria", "rest-sushi");
        response.Restaurants.Should().AllSatisfy(r => r.Address.Country.Should().Be("DE"));
    }

    [Fact]
    public async Task GetMenu_KnownRestaurant_ReturnsItemsWithPricesAndStock()
    {
        var menu = await Client.GetMenuAsync(new GetMenuRequest { RestaurantId = Pizzeria });

        menu.Restaurant.Name.Should().Be("Pizzeria Napoli");
        var margherita = menu.Items.Single(i => i.ItemId == "item-margherita");
        margherita.Price.AmountMinor.Should().Be(950);
        margherita.Price.Currency.Should().Be("EUR");
        (margherita.Available, margherita.InitialStock, margherita.Active).Should().Be((50, 50, true));
        menu.Items.Single(i => i.ItemId == "item-truffle-pizza").Active.Should().BeFalse();
        menu.Items.Should().AllSatisfy(i => i.InitialStock.Should().Be(i.Available + i.Held + i.Consumed));
    }

    [Fact]
    public async Task GetMenu_AfterReserveAndAccept_ShowsHeldAndConsumed()
    {
        await ReserveAsync("order-1", ("item-margherita", 2));
        await ReserveAsync("order-2", ("item-margherita", 3));
        await AcceptAsync("order-2");

        var menu = await Client.GetMenuAsync(new GetMenuRequest { RestaurantId = Pizzeria });

        var margherita = menu.Items.Single(i => i.ItemId == "item-margherita");
        (margherita.Available, margherita.Held, margherita.Consumed).Should().Be((45, 2, 3));
    }

    [Fact]
    public async Task GetMenu_UnknownRestaurant_RefusedNotFound()
    {
        var act = () => Client.GetMenuAsync(new GetMenuRequest { RestaurantId = "rest-nowhere" }).ResponseAsync;

        await act.ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
    }

    [Fact]
    public async Task GetMenu_MissingRestaurantId_InvalidArgument()
    {
        var act = () => Client.GetMenuAsync(new GetMenuRequest()).ResponseAsync;

        (await act.ShouldBeInvalidAsync()).Should().Equal("restaurant_id");
    }

    [Fact]
    public async Task GetReservation_Existing_ReturnsIt()
    {
        var reserved = await ReserveAsync("order-1", ("item-margherita", 2));

        var reservation = await Client.GetReservationAsync(new GetReservationRequest { OrderId = "order-1" });

        reservation.Should().Be(reserved);
    }

    [Fact]
    public async Task GetReservation_None_RefusedNotFound()
    {
        var act = () => Client.GetReservationAsync(new GetReservationRequest { OrderId = "order-unknown" }).ResponseAsync;

        await act.ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
    }
}

public sealed class SeedingTests
{
    [Fact]
    public async Task Seeder_RestartOnSameDatabase_AddsNothingAndKeepsMovedStock()
    {
        var directory = Directory.CreateTempSubdirectory("restaurant-seed-").FullName;
        try
        {
            await using (var first = await TestRestaurantService.StartAsync(dataDirectory: directory))
            {
                await first.Client.ReserveItemsAsync(new ReserveItemsRequest
                {
                    IdempotencyKey = "order-1:reserve",
                    OrderId = "order-1",
                    RestaurantId = "rest-sushi",
                    Items = { new Contracts.Common.V1.ItemQuantity { ItemId = "item-omakase", Quantity = 1 } },
                });
            }

            await using var second = await TestRestaurantService.StartAsync(dataDirectory: directory);

            (await second.QueryAsync(db => db.Restaurants.CountAsync())).Should().Be(3);
            (await second.QueryAsync(db => db.MenuItems.CountAsync())).Should().Be(13);
            var omakase = await second.ItemAsync("item-omakase");
            (omakase.Available, omakase.Held).Should().Be((0, 1));
        }
        finally
        {
            TestRestaurantService.DeleteDirectory(directory);
        }
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.Restaurant.Tests;

public sealed class ConcurrencyControlTests : RestaurantTestBase
{
    [Fact]
    public async Task MenuItem_TwoWritersFromSameVersion_SecondSaveIsRejected()
    {
        await using var first = Service.Services.CreateAsyncScope();
        await using var second = Service.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<RestaurantDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<RestaurantDbContext>();
        var firstCopy = await firstDb.MenuItems.SingleAsync(i => i.Id == "item-margherita");
        var secondCopy = await secondDb.MenuItems.SingleAsync(i => i.Id == "item-margherita");

        firstCopy.Hold(1);
        await firstDb.SaveChangesAsync();
        secondCopy.Hold(1);
        var lostUpdate = () => secondDb.SaveChangesAsync();

        await lostUpdate.Should().ThrowAsync<DbUpdateConcurrencyException>();
        (await Service.ItemAsync("item-margherita")).Held.Should().Be(1);
    }

    [Fact]
    public async Task Sweep_RacingAcceptsAndReleasesOnDueHolds_GivesEachHoldBackExactlyOnce()
    {
        var orders = Enumerable.Range(1, 10).Select(n => $"order-{n}").ToList();
        foreach (var order in orders)
        {
            await ReserveAsync(order, ("item-margherita", 2), ("item-diavola", 1));
        }

        Service.Time.Advance(TimeSpan.FromMinutes(16));

        var sweeps = Enumerable.Range(0, 3).Select(_ => Service.SweepAsync()).ToList();
        var accepts = orders.Select(o => OutcomeAsync(() => AcceptAsync(o))).ToList();
        var releases = orders.Select(o => OutcomeAsync(() => ReleaseAsync(o))).ToList();
        await Task.WhenAll([.. sweeps, .. accepts, .. releases]);

        (await Task.WhenAll(accepts)).Should().OnlyContain(r => r == ErrorReasons.HoldExpired || r == ErrorReasons.IllegalTransition);
        foreach (var order in orders)
        {
            var reservation = await Client.GetReservationAsync(new GetReservationRequest { OrderId = order });
            reservation.Status.Should().BeOneOf(ReservationStatus.Expired, ReservationStatus.Released);
        }

        var margherita = await Service.ItemAsync("item-margherita");
        (margherita.Available, margherita.Held, margherita.Consumed).Should().Be((50, 0, 0));
        var diavola = await Service.ItemAsync("item-diavola");
        (diavola.Available, diavola.Held, diavola.Consumed).Should().Be((40, 0, 0));
        await Service.AssertStockInvariantHoldsAsync();
    }

    private static async Task<string> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "OK";
        }
        catch (RpcException ex)
        {
            return ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? ex.StatusCode.ToString();
        }
    }
}

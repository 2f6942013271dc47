using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Orders;
using FoodDelivery.Order.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.Order.Tests;

/// <summary>
/// Below the executor: two writers that read the same order version cannot both save. (Over gRPC on SQLite the
/// executor's write transactions already queue; on SQL Server this token is what stops the second writer.)
/// </summary>
public sealed class ConcurrencyTokenTests : IAsyncLifetime
{
    private readonly OrderServiceFixture _service = new();

    public async Task InitializeAsync()
    {
        await _service.InitializeAsync();
        await _service.Client.CreateOrderAsync(OrderRequests.Create("order-1"));
    }

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task TransitionOrder_TwoWritersFromTheSameVersion_SecondSaveIsRefused()
    {
        await using var first = _service.CreateScope();
        await using var second = _service.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<OrderDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<OrderDbContext>();

        await first.ServiceProvider.GetRequiredService<TransitionOrderHandler>().TransitionAsync(
            OrderRequests.Transition("order-1", OrderStatus.Confirmed), CancellationToken.None);
        await second.ServiceProvider.GetRequiredService<TransitionOrderHandler>().TransitionAsync(
            OrderRequests.Transition("order-1", OrderStatus.Cancelled), CancellationToken.None);
        await firstDb.SaveChangesAsync();

        await FluentActions.Awaiting(() => secondDb.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();

        var order = await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" });
        order.Status.Should().Be(OrderStatus.Confirmed);
        order.History.Select(c => c.To).Should().Equal(OrderStatus.Pending, OrderStatus.Confirmed);
    }
}

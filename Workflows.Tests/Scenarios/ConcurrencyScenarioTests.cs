using System.Diagnostics;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using Xunit.Abstractions;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>
/// Many sagas racing for scarce stock: the restaurant's optimistic concurrency lets exactly the stock through, every
/// other order is rejected OUT_OF_STOCK, and nothing is oversold, held, charged or assigned for a rejected order.
/// </summary>
public sealed class ConcurrencyScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Orders = 200;
    private const string Item = "item-margherita";
    private const int ItemStock = 50;

    /// <summary>Five units per order: ten orders can win, 190 must lose, all racing for the same stock row.</summary>
    private const int UnitsPerOrder = 5;

    private const int Winners = ItemStock / UnitsPerOrder;

    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync(new SagaEnvironmentOptions
        {
            // Long deadlines: under load the acceptance of ten winners must not race a real-time deadline.
            Timeouts = ScenarioProbes.NudgeableTimeouts,
            CourierCount = Winners,
            CourierCapacity = 1,
        });
        _driver = new SagaDriver(_environment);
    }

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task PlaceOrders_TwoHundredConcurrentOnScarceStock_NoOversellAndAuditClean()
    {
        var clock = Stopwatch.StartNew();
        var placed = await Task.WhenAll(Enumerable.Range(0, Orders).Select(i =>
            _driver.PlaceAsync(SagaDriver.NewOrder(customerId: $"cust-{i:D3}", items: [(Item, UnitsPerOrder)]))));
        placed.Should().OnlyHaveUniqueItems();
        output.WriteLine($"{Orders} orders placed in {clock.Elapsed.TotalSeconds:F1} s");

        // Play restaurant and courier for every order, a few status queries at a time.
        using var queries = new SemaphoreSlim(8);
        var results = await Task.WhenAll(placed.Select(orderId => DriveAsync(orderId, queries)))
            .WaitAsync(TimeSpan.FromSeconds(180));
        output.WriteLine($"all sagas ended after {clock.Elapsed.TotalSeconds:F1} s");

        results.Count(r => r.FinalState == SagaState.Delivered).Should().Be(Winners);
        var rejected = results.Where(r => r.FinalState != SagaState.Delivered).ToList();
        rejected.Should().HaveCount(Orders - Winners);
        rejected.Should().OnlyContain(r => r.FinalState == SagaState.Rejected && r.Reason!.StartsWith(ErrorReasons.OutOfStock, StringComparison.Ordinal));

        var item = await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, Item);
        item.InitialStock.Should().Be(ItemStock);
        item.Consumed.Should().Be(ItemStock, "exactly the stock was sold");
        item.Held.Should().Be(0);
        item.Available.Should().Be(0);

        var statuses = await Task.WhenAll(placed.Select(async id => (await _driver.OrderRecordAsync(id)).Status));
        statuses.Count(s => s == OrderStatus.Delivered).Should().Be(Winners);
        statuses.Count(s => s == OrderStatus.Rejected).Should().Be(Orders - Winners);
        (await ScenarioProbes.CouriersAsync(_environment)).Sum(c => c.ActiveAssignments).Should().Be(0);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(Orders);
        audit.OrdersInFlight.Should().BeEmpty();
        output.WriteLine($"done after {clock.Elapsed.TotalSeconds:F1} s: {audit}");
    }

    /// <summary>Accepts, picks up and delivers the order when it gets that far; never awaits a result before it ended.</summary>
    private async Task<OrderSagaResult> DriveAsync(string orderId, SemaphoreSlim queries)
    {
        SagaState? reported = null;
        while (true)
        {
            OrderSagaStatus? status = null;
            await queries.WaitAsync();
            try
            {
                status = await ScenarioProbes.StatusAsync(_environment, orderId);
            }
            catch (Temporalio.Exceptions.RpcException)
            {
                // Its first workflow task has not run yet.
            }
            finally
            {
                queries.Release();
            }

            if (status is { IsFinished: true })
            {
                return await _environment.Saga(orderId).GetResultAsync<OrderSagaResult>();
            }

            // Each report once, when the saga is where the restaurant or courier would see it.
            if (status is not null && status.State != reported)
            {
                switch (status.State)
                {
                    case SagaState.AwaitingRestaurant:
                        await _environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Pizzeria });
                        reported = status.State;
                        break;
                    case SagaState.Confirmed:
                        await _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = status.CourierId! });
                        reported = status.State;
                        break;
                    case SagaState.PickedUp:
                        await _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = status.CourierId! });
                        reported = status.State;
                        break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(150));
        }
    }
}

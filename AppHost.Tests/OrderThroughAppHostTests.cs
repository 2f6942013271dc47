using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace FoodDelivery.AppHost.Tests;

/// <summary>
/// The AppHost as `dotnet run --project AppHost` starts it, every resource a real process: the order is placed through
/// the Order API and the simulator (with zero delays) accepts, picks up and delivers it.
/// </summary>
public sealed class OrderThroughAppHostTests : IAsyncLifetime
{
    // Generous: CI has 2 cores shared by every test project, and seven processes start (each through `dotnet run`)
    // before the first order. On an idle machine this takes well under a minute.
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan OrderDeadline = TimeSpan.FromMinutes(3);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-apphost-test-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a SQLite file for a moment; the OS temp cleanup takes it.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task PlaceOrder_SimulatorWithZeroDelays_ReachesDelivered()
    {
        using var startup = new CancellationTokenSource(StartupDeadline);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                $"--AppHost:DataDirectory={_dataDirectory}",
                "--Simulator:AcceptDelay=00:00:00",
                "--Simulator:PickupDelay=00:00:00",
                "--Simulator:DeliveryDelay=00:00:00",
            ],
            startup.Token);
        await using var app = await appHost.BuildAsync(startup.Token);
        await app.StartAsync(startup.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("order", startup.Token);
        await app.ResourceNotifications.WaitForResourceAsync("simulator", KnownResourceStates.Running, startup.Token);

        using var channel = GrpcChannel.ForAddress(app.GetEndpoint("order", "grpc"));
        var ordering = new OrderingApi.OrderingApiClient(channel.WithDevelopmentTokens());
        var placed = await PlaceAsync(ordering, PizzaOrder());

        var view = await WaitForEndAsync(ordering, placed.OrderId);

        view.Order.Status.Should().Be(OrderStatus.Delivered, $"the saga ended as {view.Saga}");
        view.Saga.StepsDone.Should().NotBeEmpty();
        view.Saga.CompensationsRun.Should().BeEmpty();
    }

    private static PlaceOrderRequest PizzaOrder()
    {
        var request = new PlaceOrderRequest
        {
            ClientRequestId = Guid.NewGuid().ToString("N"),
            CustomerId = "cust-apphost",
            RestaurantId = "rest-pizzeria",
            DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
            PaymentMethodToken = "tok_visa",
        };
        request.Items.Add(new ItemQuantity { ItemId = "item-margherita", Quantity = 1 });
        return request;
    }

    /// <summary>
    /// PlaceOrder, repeated while the system is still warming up (the order service prices from the restaurant's menu
    /// within 5 s, which a freshly started process on a busy machine can miss). Safe: a repeat with the same client
    /// request id returns the same order, never a second one.
    /// </summary>
    private static async Task<PlaceOrderResponse> PlaceAsync(OrderingApi.OrderingApiClient ordering, PlaceOrderRequest request)
    {
        var deadline = DateTime.UtcNow + OrderDeadline;
        while (true)
        {
            try
            {
                return await ordering.PlaceOrderAsync(request);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    /// <summary>Polls the order view until the saga has finished (or the deadline passes).</summary>
    private static async Task<OrderView> WaitForEndAsync(OrderingApi.OrderingApiClient ordering, string orderId)
    {
        var deadline = DateTime.UtcNow + OrderDeadline;
        OrderView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                view = await ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId });
                if (view.Saga is { Finished: true } && view.Order is not null)
                {
                    return view;
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // The saga's status query needs the worker; a worker still starting up answers a little later.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"order {orderId} did not finish within {OrderDeadline}; last view: {view}");
    }
}

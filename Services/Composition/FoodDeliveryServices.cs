using FoodDelivery.Delivery;
using FoodDelivery.Order;
using FoodDelivery.Payment;
using FoodDelivery.Restaurant;
using FoodDelivery.ServiceDefaults.Hosting;

namespace FoodDelivery.Composition;

/// <summary>
/// The four domain services running in this process, each on its own loopback port with its own database file,
/// exactly as they run alone. Disposing stops them all.
/// </summary>
public sealed class FoodDeliveryServices : IAsyncDisposable
{
    private FoodDeliveryServices(RunningService order, RunningService payment, RunningService restaurant, RunningService delivery)
    {
        Order = order;
        Payment = payment;
        Restaurant = restaurant;
        Delivery = delivery;
    }

    public RunningService Order { get; }

    public RunningService Payment { get; }

    public RunningService Restaurant { get; }

    public RunningService Delivery { get; }

    public IEnumerable<RunningService> All => [Order, Payment, Restaurant, Delivery];

    /// <summary>Starts Order, Payment, Restaurant and Delivery; stops the ones already started if one fails.</summary>
    public static async Task<FoodDeliveryServices> StartAsync(
        CompositionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = new List<RunningService>();
        try
        {
            foreach (var module in new ServiceModule[]
            {
                new OrderServiceModule(), new PaymentServiceModule(), new RestaurantServiceModule(), new DeliveryServiceModule(),
            })
            {
                started.Add(await ServiceHost.StartAsync(module, options.For(module), cancellationToken));
            }

            return new FoodDeliveryServices(started[0], started[1], started[2], started[3]);
        }
        catch
        {
            foreach (var service in started)
            {
                await service.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in All.Reverse())
        {
            await service.DisposeAsync();
        }
    }
}

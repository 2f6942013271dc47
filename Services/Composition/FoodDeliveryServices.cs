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

    /// <summary>Starts Payment, Restaurant, Delivery, then Order (wired to the others); stops the ones already started if one fails.</summary>
    public static async Task<FoodDeliveryServices> StartAsync(
        CompositionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = new List<RunningService>();
        try
        {
            var payment = await StartAsync(new PaymentServiceModule(), options, extra: null, started, cancellationToken);
            var restaurant = await StartAsync(new RestaurantServiceModule(), options, extra: null, started, cancellationToken);
            var delivery = await StartAsync(new DeliveryServiceModule(), options, extra: null, started, cancellationToken);

            // The order service calls the others (pricing from the restaurant's menu), so it starts last, told where they are.
            var addresses = new Dictionary<string, string?>
            {
                ["Services:Payment"] = payment.Address.ToString(),
                ["Services:Restaurant"] = restaurant.Address.ToString(),
                ["Services:Delivery"] = delivery.Address.ToString(),
            };
            var order = await StartAsync(new OrderServiceModule(), options, addresses, started, cancellationToken);
            return new FoodDeliveryServices(order, payment, restaurant, delivery);
        }
        catch
        {
            foreach (var service in Enumerable.Reverse(started))
            {
                await service.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<RunningService> StartAsync(
        ServiceModule module,
        CompositionOptions options,
        IDictionary<string, string?>? extra,
        List<RunningService> started,
        CancellationToken cancellationToken)
    {
        var hostOptions = options.For(module);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            hostOptions.Settings.TryAdd(key, value);
        }

        var service = await ServiceHost.StartAsync(module, hostOptions, cancellationToken);
        started.Add(service);
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in All.Reverse())
        {
            await service.DisposeAsync();
        }
    }
}

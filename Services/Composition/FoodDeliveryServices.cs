using FoodDelivery.Delivery;
using FoodDelivery.Order;
using FoodDelivery.Payment;
using FoodDelivery.Restaurant;
using FoodDelivery.ServiceDefaults.Hosting;

namespace FoodDelivery.Composition;

/// <summary>
/// The four domain services running in this process, each on its own loopback port with its own database file,
/// exactly as they run alone. One service can be stopped and restarted on the same port and database (an outage, for
/// chaos runs). Disposing stops them all.
/// </summary>
public sealed class FoodDeliveryServices : IAsyncDisposable
{
    private readonly CompositionOptions _options;
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

    private FoodDeliveryServices(
        CompositionOptions options, RunningService order, RunningService payment, RunningService restaurant, RunningService delivery)
    {
        _options = options;
        Order = order;
        Payment = payment;
        Restaurant = restaurant;
        Delivery = delivery;
    }

    public RunningService Order { get; private set; }

    public RunningService Payment { get; private set; }

    public RunningService Restaurant { get; private set; }

    public RunningService Delivery { get; private set; }

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
            var order = await StartAsync(
                new OrderServiceModule(), options, OrderDependencies(payment, restaurant, delivery), started, cancellationToken);
            return new FoodDeliveryServices(options, order, payment, restaurant, delivery);
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

    /// <summary>Stops one service ("order", "payment", "restaurant", "delivery") as an outage would: its port closes, its file stays.</summary>
    public async Task StopAsync(string name)
    {
        var service = Named(name);
        if (_stopped.Add(name))
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>Starts a service stopped by <see cref="StopAsync"/> again, on the same port and the same database file.</summary>
    public async Task RestartAsync(string name, CancellationToken cancellationToken = default)
    {
        var old = Named(name);
        if (!_stopped.Contains(name))
        {
            return;
        }

        ServiceModule module = name switch
        {
            "payment" => new PaymentServiceModule(),
            "restaurant" => new RestaurantServiceModule(),
            "delivery" => new DeliveryServiceModule(),
            _ => new OrderServiceModule(),
        };
        var extra = name == Order.Name ? OrderDependencies(Payment, Restaurant, Delivery) : null;
        var restarted = await StartAsync(module, _options, extra, started: [], cancellationToken, port: old.Address.Port);
        Payment = name == Payment.Name ? restarted : Payment;
        Restaurant = name == Restaurant.Name ? restarted : Restaurant;
        Delivery = name == Delivery.Name ? restarted : Delivery;
        Order = name == Order.Name ? restarted : Order;
        _stopped.Remove(name);
    }

    /// <summary>The order service calls the others (pricing from the restaurant's menu): where they are.</summary>
    private static Dictionary<string, string?> OrderDependencies(RunningService payment, RunningService restaurant, RunningService delivery) =>
        new()
        {
            ["Services:Payment"] = payment.Address.ToString(),
            ["Services:Restaurant"] = restaurant.Address.ToString(),
            ["Services:Delivery"] = delivery.Address.ToString(),
        };

    private RunningService Named(string name) =>
        All.SingleOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"no service named '{name}' (order, payment, restaurant, delivery)", nameof(name));

    private static async Task<RunningService> StartAsync(
        ServiceModule module,
        CompositionOptions options,
        IDictionary<string, string?>? extra,
        List<RunningService> started,
        CancellationToken cancellationToken,
        int? port = null)
    {
        var hostOptions = options.For(module, port);
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
        foreach (var service in All.Reverse().Where(s => !_stopped.Contains(s.Name)))
        {
            await service.DisposeAsync();
        }
    }
}

using FoodDelivery.Delivery.Persistence;
using FoodDelivery.Order.Persistence;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Audit;

/// <summary>Where the four services keep their data, as each service itself is configured.</summary>
public sealed record AuditDatabases(DatabaseOptions Order, DatabaseOptions Payment, DatabaseOptions Restaurant, DatabaseOptions Delivery)
{
    /// <summary>The embedded default: the four SQLite files in one data folder.</summary>
    public static AuditDatabases Sqlite(string dataDirectory)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = dataDirectory };
        return new AuditDatabases(options, options, options, options);
    }

    internal OrderDbContext OpenOrder() => new(Build<OrderDbContext>(Order, "order"));

    internal PaymentDbContext OpenPayment() => new(Build<PaymentDbContext>(Payment, "payment"));

    internal RestaurantDbContext OpenRestaurant() => new(Build<RestaurantDbContext>(Restaurant, "restaurant"));

    internal DeliveryDbContext OpenDelivery() => new(Build<DeliveryDbContext>(Delivery, "delivery"));

    private static DbContextOptions<TContext> Build<TContext>(DatabaseOptions options, string name)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        DatabaseRegistration.Configure(builder, options, name);
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return builder.Options;
    }
}

using FoodDelivery.Delivery.Persistence;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Order.Persistence;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>
/// What one order's saga left behind: its result and what each of the four services holds for the order, read
/// straight from their databases. One line per part, so two runs compare with <c>Be</c> and a difference reads at once.
/// </summary>
public sealed record SagaEffects(string Saga, string Order, string Payment, string Stock, string Courier)
{
    public static async Task<SagaEffects> ReadAsync(OrderSagaResult result, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var orderId = result.OrderId;
        var saga = $"{result.FinalState}; reason: {result.Reason ?? "-"}; undone: [{string.Join(", ", result.CompensationsRun)}]";

        string order;
        await using (var db = new OrderDbContext(Options<OrderDbContext>(dataDirectory, "order")))
        {
            var changes = await db.StatusChanges.Where(c => c.OrderId == orderId).OrderBy(c => c.Sequence).Select(c => c.To).ToListAsync();
            var record = await db.Orders.SingleOrDefaultAsync(o => o.OrderId == orderId);
            order = record is null ? "no record" : $"{record.Status} via {string.Join(" > ", changes)}";
        }

        string payment;
        await using (var db = new PaymentDbContext(Options<PaymentDbContext>(dataDirectory, "payment")))
        {
            var record = await db.Payments.Include(p => p.Ledger).SingleOrDefaultAsync(p => p.OrderId == orderId);
            payment = record is null
                ? "no record"
                : $"{record.State}{(record.Tombstone ? " (tombstone)" : string.Empty)}; ledger: "
                    + string.Join(", ", record.Ledger.OrderBy(e => e.Sequence).Select(e => $"{e.Kind} {e.AmountMinor}"))
                    + $"; net {record.NetMinor}";
        }

        string stock;
        await using (var db = new RestaurantDbContext(Options<RestaurantDbContext>(dataDirectory, "restaurant")))
        {
            var record = await db.Reservations.Include(r => r.Lines).SingleOrDefaultAsync(r => r.OrderId == orderId);
            stock = record is null
                ? "no record"
                : $"{record.Status}{(record.Tombstone ? " (tombstone)" : string.Empty)}: "
                    + string.Join(", ", record.Lines.OrderBy(l => l.MenuItemId, StringComparer.Ordinal).Select(l => $"{l.MenuItemId} x{l.Quantity}"));
        }

        string courier;
        await using (var db = new DeliveryDbContext(Options<DeliveryDbContext>(dataDirectory, "delivery")))
        {
            var record = await db.Assignments.SingleOrDefaultAsync(a => a.OrderId == orderId);
            courier = record is null
                ? "no record"
                : $"{record.Status}{(record.Tombstone ? " (tombstone)" : string.Empty)}{(record.CourierId is null ? string.Empty : " (a courier)")}";
        }

        return new SagaEffects(saga, order, payment, stock, courier);
    }

    /// <summary>Whether the payment service has committed the order's authorization (whatever its caller has heard).</summary>
    public static async Task<bool> IsAuthorizedAsync(string orderId, string dataDirectory)
    {
        await using var db = new PaymentDbContext(Options<PaymentDbContext>(dataDirectory, "payment"));
        return await db.Payments.AnyAsync(p => p.OrderId == orderId && p.Ledger.Any(e => e.Kind == MovementKind.Authorization));
    }

    public override string ToString() =>
        $"saga: {Saga}{Environment.NewLine}order: {Order}{Environment.NewLine}payment: {Payment}{Environment.NewLine}stock: {Stock}{Environment.NewLine}courier: {Courier}";

    private static DbContextOptions<TContext> Options<TContext>(string dataDirectory, string database)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        DatabaseRegistration.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = dataDirectory }, database);
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return builder.Options;
    }
}

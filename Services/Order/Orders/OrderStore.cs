using FoodDelivery.Order.Paging;
using FoodDelivery.Order.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Order.Orders;

/// <summary>Loads and adds orders, always whole (lines and history with them).</summary>
public sealed class OrderStore(OrderDbContext db)
{
    /// <summary>The order, tracked so a transition can change it, or null.</summary>
    public Task<OrderRecord?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        WithChildren(db.Orders).AsSingleQuery().FirstOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);

    public Task<OrderRecord?> FindReadOnlyAsync(string orderId, CancellationToken cancellationToken) =>
        WithChildren(db.Orders.AsNoTracking()).AsSingleQuery().FirstOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);

    public void Add(OrderRecord order) => db.Orders.Add(order);

    /// <summary>
    /// Up to <paramref name="count"/> of the customer's orders, newest first, starting strictly after
    /// <paramref name="after"/> (keyset paging on the (CustomerId, CreatedAt, OrderId) index).
    /// </summary>
    public Task<List<OrderRecord>> ListByCustomerAsync(
        string customerId, OrderCursor? after, int count, CancellationToken cancellationToken)
    {
        var query = db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId);
        if (after is not null)
        {
            query = query.Where(o => o.CreatedAt < after.CreatedAt
                || (o.CreatedAt == after.CreatedAt && o.OrderId.CompareTo(after.OrderId) < 0));
        }

        var page = query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId).Take(count);
        return WithChildren(page).AsSplitQuery().ToListAsync(cancellationToken);
    }

    // One order: a single joined query (a consistent snapshot; its few lines and history rows multiply harmlessly).
    // A page of orders: split queries, so the rows do not multiply across the page.
    private static IQueryable<OrderRecord> WithChildren(IQueryable<OrderRecord> orders) =>
        orders.Include(o => o.Lines).Include(o => o.History);
}

using FoodDelivery.Delivery.Domain;
using FoodDelivery.Order.Persistence;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.Restaurant.Domain;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Audit;

/// <summary>Everything the audit judges, read from the four databases (no tracking), indexed by order id.</summary>
internal sealed class AuditSnapshot
{
    private Dictionary<string, Reservation> _reservationsByOrder = [];
    private Dictionary<string, OrderPayment> _paymentsByOrder = [];
    private Dictionary<string, Assignment> _assignmentsByOrder = [];
    private HashSet<string> _orderIds = [];

    public List<OrderRecord> Orders { get; private set; } = [];

    public List<OrderPayment> Payments { get; private set; } = [];

    public List<Reservation> Reservations { get; private set; } = [];

    public List<MenuItem> MenuItems { get; private set; } = [];

    public List<Assignment> Assignments { get; private set; } = [];

    public List<Courier> Couriers { get; private set; } = [];

    public static async Task<AuditSnapshot> LoadAsync(AuditDatabases databases, CancellationToken cancellationToken)
    {
        var snapshot = new AuditSnapshot();
        await using (var db = databases.OpenOrder())
        {
            snapshot.Orders = await db.Orders.Include(o => o.Lines).OrderBy(o => o.OrderId).ToListAsync(cancellationToken);
        }

        await using (var db = databases.OpenPayment())
        {
            snapshot.Payments = await db.Payments.Include(p => p.Ledger).ToListAsync(cancellationToken);
        }

        await using (var db = databases.OpenRestaurant())
        {
            snapshot.Reservations = await db.Reservations.Include(r => r.Lines).ToListAsync(cancellationToken);
            snapshot.MenuItems = await db.MenuItems.OrderBy(i => i.Id).ToListAsync(cancellationToken);
        }

        await using (var db = databases.OpenDelivery())
        {
            snapshot.Assignments = await db.Assignments.ToListAsync(cancellationToken);
            snapshot.Couriers = await db.Couriers.OrderBy(c => c.CourierId).ToListAsync(cancellationToken);
        }

        snapshot._orderIds = snapshot.Orders.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);
        snapshot._reservationsByOrder = snapshot.Reservations.ToDictionary(r => r.OrderId, StringComparer.Ordinal);
        snapshot._paymentsByOrder = snapshot.Payments.ToDictionary(p => p.OrderId, StringComparer.Ordinal);
        snapshot._assignmentsByOrder = snapshot.Assignments.ToDictionary(a => a.OrderId, StringComparer.Ordinal);
        return snapshot;
    }

    public bool HasOrder(string orderId) => _orderIds.Contains(orderId);

    public Reservation? ReservationFor(string orderId) => _reservationsByOrder.GetValueOrDefault(orderId);

    public OrderPayment? PaymentFor(string orderId) => _paymentsByOrder.GetValueOrDefault(orderId);

    public Assignment? AssignmentFor(string orderId) => _assignmentsByOrder.GetValueOrDefault(orderId);

    public int QuantityIn(string itemId, ReservationStatus status) =>
        Reservations.Where(r => r.Status == status && !r.Tombstone)
            .SelectMany(r => r.Lines)
            .Where(l => l.MenuItemId == itemId)
            .Sum(l => l.Quantity);
}

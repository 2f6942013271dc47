using FoodDelivery.ServiceDefaults.Persistence;
using FoodDelivery.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Order.Persistence;

/// <summary>The order service's database: orders, their lines and status history, plus the idempotency store.</summary>
public sealed class OrderDbContext(DbContextOptions<OrderDbContext> options) : ServiceDbContext(options)
{
    private const int IdLength = RequestValidator.MaxIdLength;
    private const int TextLength = RequestValidator.MaxTextLength;
    private const int StatusLength = 32;

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<OrderLineRecord> OrderLines => Set<OrderLineRecord>();

    public DbSet<StatusChangeRecord> StatusChanges => Set<StatusChangeRecord>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.ToTable("Orders");
            order.HasKey(o => o.OrderId);
            order.Property(o => o.OrderId).HasMaxLength(IdLength);
            order.Property(o => o.CustomerId).HasMaxLength(IdLength);
            order.Property(o => o.RestaurantId).HasMaxLength(IdLength);
            order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(StatusLength);
            order.Property(o => o.DeliveryStreet).HasMaxLength(TextLength);
            order.Property(o => o.DeliveryCity).HasMaxLength(TextLength);
            order.Property(o => o.DeliveryPostalCode).HasMaxLength(TextLength);
            order.Property(o => o.DeliveryCountry).HasMaxLength(2).IsFixedLength();
            order.Property(o => o.CreationFingerprint).HasMaxLength(32);
            // A customer's orders, newest first: the keyset (CreatedAt, OrderId) of ListOrders.
            order.HasIndex(o => new { o.CustomerId, o.CreatedAt, o.OrderId });
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.History).WithOne().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrderLineRecord>(line =>
        {
            line.ToTable("OrderLines");
            line.HasKey(l => new { l.OrderId, l.LineNumber });
            line.Property(l => l.ItemId).HasMaxLength(IdLength);
            line.Property(l => l.Name).HasMaxLength(TextLength);
        });

        modelBuilder.Entity<StatusChangeRecord>(change =>
        {
            change.ToTable("StatusChanges");
            change.HasKey(c => new { c.OrderId, c.Sequence });
            change.Property(c => c.From).HasConversion<string>().HasMaxLength(StatusLength);
            change.Property(c => c.To).HasConversion<string>().HasMaxLength(StatusLength);
            change.Property(c => c.Reason).HasMaxLength(TextLength);
        });

        // Last, so the base sees our entities (it makes IVersioned.Version a concurrency token).
        base.OnModelCreating(modelBuilder);
    }
}

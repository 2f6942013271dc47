using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Payment.Persistence;

/// <summary>The payment service's own database: one payment per order, its ledger, and the idempotency store.</summary>
public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : ServiceDbContext(options)
{
    public DbSet<OrderPayment> Payments => Set<OrderPayment>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OrderPayment>(payment =>
        {
            payment.ToTable("Payments");
            payment.HasKey(p => p.Id);
            // One payment per order: two racing first writes (authorize vs. tombstone) cannot both insert.
            payment.HasIndex(p => p.OrderId).IsUnique();
            payment.Property(p => p.OrderId).HasMaxLength(128);
            payment.Property(p => p.CustomerId).HasMaxLength(128);
            payment.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
            payment.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
            payment.Property(p => p.UndoReason).HasMaxLength(1000);
            payment.HasMany(p => p.Ledger).WithOne().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
            payment.Navigation(p => p.Ledger).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("LedgerEntries");
            entry.HasKey(e => e.Id);
            // A ledger is append-only and numbered: two writers appending the same step collide here.
            entry.HasIndex(e => new { e.PaymentId, e.Sequence }).IsUnique();
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        });

        // Last, so the base sees our IVersioned entities and makes Version their concurrency token.
        base.OnModelCreating(modelBuilder);
    }
}

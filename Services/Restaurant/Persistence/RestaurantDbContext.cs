using FoodDelivery.Restaurant.Domain;
using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Persistence;

/// <summary>
/// The restaurant service's database: restaurants, menu items with their stock, and the reservations (stock holds)
/// of orders, plus the shared idempotency store. Stock rows and reservations are versioned (optimistic concurrency).
/// </summary>
public sealed class RestaurantDbContext(DbContextOptions<RestaurantDbContext> options) : ServiceDbContext(options)
{
    private const int IdLength = 128;
    private const int NameLength = 200;

    public DbSet<RestaurantEntity> Restaurants => Set<RestaurantEntity>();

    public DbSet<MenuItem> MenuItems => Set<MenuItem>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<ReservationLine> ReservationLines => Set<ReservationLine>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<RestaurantEntity>(restaurant =>
        {
            restaurant.ToTable("Restaurants");
            restaurant.HasKey(r => r.Id);
            restaurant.Property(r => r.Id).HasMaxLength(IdLength);
            restaurant.Property(r => r.Name).HasMaxLength(NameLength);
            restaurant.Property(r => r.Street).HasMaxLength(NameLength);
            restaurant.Property(r => r.City).HasMaxLength(NameLength);
            restaurant.Property(r => r.PostalCode).HasMaxLength(32);
            restaurant.Property(r => r.Country).HasMaxLength(2);
            restaurant.HasMany(r => r.MenuItems).WithOne().HasForeignKey(i => i.RestaurantId);
        });

        modelBuilder.Entity<MenuItem>(item =>
        {
            // The stock invariant, enforced by the database as a last line of defence.
            item.ToTable("MenuItems", table =>
            {
                table.HasCheckConstraint("CK_MenuItems_StockNotNegative", "Available >= 0 AND Held >= 0 AND Consumed >= 0");
                table.HasCheckConstraint("CK_MenuItems_StockBalances", "InitialStock = Available + Held + Consumed");
                table.HasCheckConstraint("CK_MenuItems_PriceNotNegative", "PriceMinor >= 0");
            });
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).HasMaxLength(IdLength);
            item.Property(i => i.RestaurantId).HasMaxLength(IdLength);
            item.Property(i => i.Name).HasMaxLength(NameLength);
            item.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
            item.HasIndex(i => i.RestaurantId);
        });

        modelBuilder.Entity<Reservation>(reservation =>
        {
            reservation.ToTable("Reservations");
            reservation.HasKey(r => r.Id);
            reservation.Property(r => r.OrderId).HasMaxLength(IdLength);

            // One reservation per order: two concurrent reserves (or a reserve racing a tombstone) cannot both insert.
            reservation.HasIndex(r => r.OrderId).IsUnique();
            reservation.Property(r => r.RestaurantId).HasMaxLength(IdLength);
            reservation.HasOne<RestaurantEntity>().WithMany().HasForeignKey(r => r.RestaurantId).IsRequired(false);
            reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            reservation.Property(r => r.Reason).HasMaxLength(1000);

            // The expiry sweeper's query: HELD reservations by expiry time.
            reservation.HasIndex(r => new { r.Status, r.ExpiresAt });
            reservation.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReservationId);

            // A reservation is only ever used whole: its lines and their stock rows come with it.
            reservation.Navigation(r => r.Lines).AutoInclude();
        });

        modelBuilder.Entity<ReservationLine>(line =>
        {
            line.ToTable("ReservationLines", table => table.HasCheckConstraint("CK_ReservationLines_QuantityPositive", "Quantity > 0"));
            line.HasKey(l => new { l.ReservationId, l.MenuItemId });
            line.Property(l => l.MenuItemId).HasMaxLength(IdLength);
            line.Property(l => l.ItemName).HasMaxLength(NameLength);
            line.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
            line.HasOne(l => l.MenuItem).WithMany().HasForeignKey(l => l.MenuItemId).OnDelete(DeleteBehavior.Restrict);
            line.Navigation(l => l.MenuItem).AutoInclude();
        });

        // Last, so the base sees the entities above (it marks IVersioned.Version as the concurrency token).
        base.OnModelCreating(modelBuilder);
    }
}

using FoodDelivery.Delivery.Domain;
using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Delivery.Persistence;

/// <summary>The delivery service's database: couriers, assignments and (from the base) the idempotency store.</summary>
public sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Courier> Couriers => Set<Courier>();

    public DbSet<Assignment> Assignments => Set<Assignment>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new CourierConfiguration());
        modelBuilder.ApplyConfiguration(new AssignmentConfiguration());

        // Last, so the base sees our IVersioned entities and makes Version their concurrency token.
        base.OnModelCreating(modelBuilder);
    }
}

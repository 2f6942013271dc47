using FoodDelivery.Delivery.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoodDelivery.Delivery.Persistence;

internal sealed class CourierConfiguration : IEntityTypeConfiguration<Courier>
{
    public void Configure(EntityTypeBuilder<Courier> builder)
    {
        builder.ToTable("Couriers", table =>
        {
            // The capacity invariant, enforced by the database too: never negative, never above capacity.
            table.HasCheckConstraint("CK_Couriers_ActiveAssignments", "[ActiveAssignments] >= 0 AND [ActiveAssignments] <= [Capacity]");
        });
        builder.HasKey(c => c.CourierId);
        builder.Property(c => c.CourierId).HasMaxLength(128);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.ActiveAssignments);
        builder.Ignore(c => c.FreeCapacity);
    }
}

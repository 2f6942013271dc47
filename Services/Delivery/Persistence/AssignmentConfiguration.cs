using FoodDelivery.Delivery.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoodDelivery.Delivery.Persistence;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.HasKey(a => a.Id);

        // One assignment per order: two racing AssignCourier calls for the same order cannot both insert.
        builder.HasIndex(a => a.OrderId).IsUnique();
        builder.Property(a => a.OrderId).HasMaxLength(128);

        builder.Property(a => a.CourierId).HasMaxLength(128);
        builder.HasOne<Courier>().WithMany().HasForeignKey(a => a.CourierId).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CourierId, a.Status });

        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CancellationReason).HasMaxLength(1000);
        MapAddress(builder.ComplexProperty(a => a.Pickup), "Pickup");
        MapAddress(builder.ComplexProperty(a => a.Dropoff), "Dropoff");
    }

    private static void MapAddress(ComplexPropertyBuilder<StreetAddress> address, string prefix)
    {
        address.Property(a => a.Street).HasColumnName(prefix + "Street").HasMaxLength(1000);
        address.Property(a => a.City).HasColumnName(prefix + "City").HasMaxLength(1000);
        address.Property(a => a.PostalCode).HasColumnName(prefix + "PostalCode").HasMaxLength(1000);
        address.Property(a => a.Country).HasColumnName(prefix + "Country").HasMaxLength(2);
    }
}

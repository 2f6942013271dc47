using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FoodDelivery.Delivery.Persistence;

/// <summary>
/// Lets `dotnet ef migrations add` build the context for SQL Server without a running server (the migrations are the
/// SQL Server schema; SQLite files are created from the model). The connection string is a placeholder.
/// </summary>
public sealed class DeliveryDbContextFactory : IDesignTimeDbContextFactory<DeliveryDbContext>
{
    public DeliveryDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DeliveryDbContext>()
            .UseSqlServer("Server=localhost;Database=FoodDelivery.Delivery;Integrated Security=true;TrustServerCertificate=true")
            .Options;
        return new DeliveryDbContext(options);
    }
}

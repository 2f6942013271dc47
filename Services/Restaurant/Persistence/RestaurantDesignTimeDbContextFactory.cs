using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FoodDelivery.Restaurant.Persistence;

/// <summary>
/// Lets `dotnet ef migrations add` build the context for SQL Server (the provider migrations are for) without a
/// server: the connection string is never opened while generating.
/// </summary>
public sealed class RestaurantDesignTimeDbContextFactory : IDesignTimeDbContextFactory<RestaurantDbContext>
{
    public RestaurantDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RestaurantDbContext>()
            .UseSqlServer("Server=(design-time-placeholder);Database=restaurant;Integrated Security=true")
            .Options);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FoodDelivery.Order.Persistence;

/// <summary>
/// Lets `dotnet ef migrations add` build the SQL Server model without a running service or server. The connection
/// string is a placeholder: generating migrations never connects.
/// </summary>
public sealed class OrderDbContextDesignFactory : IDesignTimeDbContextFactory<OrderDbContext>
{
    public OrderDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OrderDbContext>().UseSqlServer("Server=unused;Database=Order").Options);
}

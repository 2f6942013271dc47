using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FoodDelivery.Payment.Persistence;

/// <summary>
/// Used by `dotnet ef migrations add` (and tests) to build the SQL Server model without a server: the connection
/// string is a placeholder that is never opened.
/// </summary>
public sealed class PaymentDbContextFactory : IDesignTimeDbContextFactory<PaymentDbContext>
{
    public PaymentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PaymentDbContext>()
            .UseSqlServer("Server=unused;Database=FoodDeliveryPayment")
            .Options);
}

using FoodDelivery.Restaurant.Domain;
using FoodDelivery.Restaurant.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Tests;

/// <summary>The SQL Server schema, checked without a server: generated DDL and migrations against the model.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void SqlServerScript_ContainsConcurrencyTokensUniqueOrderIndexAndStockChecks()
    {
        using var db = SqlServerContext();

        var script = db.Database.GenerateCreateScript();

        script.Should().Contain("CREATE TABLE [MenuItems]");
        script.Should().MatchRegex(@"CREATE TABLE \[MenuItems\][^;]*\[Version\] bigint NOT NULL");
        script.Should().MatchRegex(@"CREATE TABLE \[Reservations\][^;]*\[Version\] bigint NOT NULL");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_Reservations_OrderId] ON [Reservations] ([OrderId])");
        script.Should().Contain("CONSTRAINT [CK_MenuItems_StockBalances] CHECK (InitialStock = Available + Held + Consumed)");
        script.Should().Contain("CONSTRAINT [CK_MenuItems_StockNotNegative] CHECK (Available >= 0 AND Held >= 0 AND Consumed >= 0)");
        script.Should().Contain("CREATE TABLE [IdempotencyRecords]");
    }

    [Fact]
    public void Model_VersionColumns_AreConcurrencyTokens()
    {
        using var db = SqlServerContext();

        foreach (var type in new[] { typeof(MenuItem), typeof(Reservation) })
        {
            db.Model.FindEntityType(type)!.FindProperty("Version")!.IsConcurrencyToken.Should().BeTrue(type.Name);
        }
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = SqlServerContext();

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` after changing the model");
    }

    private static RestaurantDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<RestaurantDbContext>().UseSqlServer("Server=unused").Options);
}

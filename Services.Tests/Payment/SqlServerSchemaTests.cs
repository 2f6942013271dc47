using FoodDelivery.Payment.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Payment.Tests;

/// <summary>The production schema, checked without a SQL Server: DDL generated from the model, and the migrations.</summary>
public sealed class SqlServerSchemaTests
{
    [Fact]
    public void SqlServerCreateScript_ContainsConcurrencyTokenAndUniqueIndexes()
    {
        using var db = new PaymentDbContextFactory().CreateDbContext([]);

        var script = db.Database.GenerateCreateScript();

        script.Should().Contain("CREATE TABLE [Payments]").And.Contain("[Version] bigint NOT NULL");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_Payments_OrderId] ON [Payments] ([OrderId]);");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_LedgerEntries_PaymentId_Sequence] ON [LedgerEntries] ([PaymentId], [Sequence]);");
        script.Should().Contain("CREATE TABLE [IdempotencyRecords]");
    }

    [Fact]
    public void Model_PaymentVersion_IsTheConcurrencyToken()
    {
        using var db = new PaymentDbContextFactory().CreateDbContext([]);

        var version = db.Model.FindEntityType(typeof(OrderPayment))!.FindProperty(nameof(OrderPayment.Version))!;

        version.IsConcurrencyToken.Should().BeTrue();
    }

    [Fact]
    public void SqlServerMigrations_AreInSyncWithTheModel()
    {
        using var db = new PaymentDbContextFactory().CreateDbContext([]);

        db.Database.GetMigrations().Should().ContainSingle(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` after changing the model");
    }
}

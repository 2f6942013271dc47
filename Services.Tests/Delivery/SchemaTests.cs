using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Delivery.Tests;

/// <summary>The SQL Server schema, checked without a server: DDL generated from the model, and the migrations.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void SqlServerCreateScript_HasConcurrencyTokensUniqueOrderIndexAndCapacityCheck()
    {
        using var db = SqlServerContext();

        var script = db.Database.GenerateCreateScript();

        script.Should().Contain("CREATE TABLE [Couriers]");
        script.Should().Contain("CREATE TABLE [Assignments]");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_Assignments_OrderId] ON [Assignments] ([OrderId]);");
        script.Should().Contain("CONSTRAINT [CK_Couriers_ActiveAssignments] CHECK ([ActiveAssignments] >= 0 AND [ActiveAssignments] <= [Capacity])");
        TableDefinition(script, "Couriers").Should().Contain("[Version] bigint NOT NULL");
        TableDefinition(script, "Assignments").Should().Contain("[Version] bigint NOT NULL");
        script.Should().Contain("CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Key])");
    }

    [Theory]
    [InlineData(typeof(Courier))]
    [InlineData(typeof(Assignment))]
    public void Model_VersionedEntities_UseVersionAsConcurrencyToken(Type entity)
    {
        using var db = SqlServerContext();

        var version = db.Model.FindEntityType(entity)!.FindProperty(nameof(Courier.Version))!;

        version.IsConcurrencyToken.Should().BeTrue();
    }

    [Fact]
    public void SqlServerMigrations_AreInSyncWithTheModel()
    {
        using var db = SqlServerContext();

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` after changing the model");
    }

    private static DeliveryDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<DeliveryDbContext>().UseSqlServer("Server=unused").Options);

    /// <summary>The CREATE TABLE statement of one table, so a column check cannot pass on another table's column.</summary>
    private static string TableDefinition(string script, string table)
    {
        var start = script.IndexOf($"CREATE TABLE [{table}]", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0);
        var end = script.IndexOf(");", start, StringComparison.Ordinal);
        return script[start..end];
    }
}

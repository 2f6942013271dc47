using FoodDelivery.Order.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Order.Tests;

/// <summary>The SQL Server schema, generated from the model and the migrations without any server.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void SqlServerDdl_ContainsConcurrencyTokenKeysAndPagingIndex()
    {
        using var db = SqlServerContext();

        var ddl = db.Database.GenerateCreateScript();

        ddl.Should().Contain("[Version] bigint NOT NULL");
        ddl.Should().Contain("CONSTRAINT [PK_Orders] PRIMARY KEY ([OrderId])", "one record per order id");
        ddl.Should().Contain("CONSTRAINT [PK_StatusChanges] PRIMARY KEY ([OrderId], [Sequence])", "two writers cannot both append the next change");
        ddl.Should().Contain("CONSTRAINT [PK_OrderLines] PRIMARY KEY ([OrderId], [LineNumber])");
        ddl.Should().Contain("CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Key])");
        ddl.Should().Contain("CREATE INDEX [IX_Orders_CustomerId_CreatedAt_OrderId] ON [Orders] ([CustomerId], [CreatedAt], [OrderId])");
        db.Model.FindEntityType(typeof(OrderRecord))!.FindProperty(nameof(OrderRecord.Version))!.IsConcurrencyToken.Should().BeTrue();
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = SqlServerContext();

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` after changing the model");
    }

    private static OrderDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<OrderDbContext>().UseSqlServer("Server=unused").Options);
}

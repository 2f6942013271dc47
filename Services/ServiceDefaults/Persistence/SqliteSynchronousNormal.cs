using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FoodDelivery.ServiceDefaults.Persistence;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on every SQLite connection (the setting is per connection). In WAL mode the
/// default FULL waits for an fsync at every commit (about 11 ms on our CI disk); since the write gate lets one writer
/// in at a time, that fsync capped each service at about 90 writes/s. With NORMAL a commit is still atomic and survives
/// a crash of the process; only an OS crash or power loss may lose the last commits (the WAL is synced at checkpoints).
/// SQLite is the development and CI store; production runs on SQL Server.
/// </summary>
public sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    public static SqliteSynchronousNormal Instance { get; } = new();

    private const string Pragma = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

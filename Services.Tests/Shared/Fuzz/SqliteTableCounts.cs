using Microsoft.Data.Sqlite;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// Row counts of every table in a service's SQLite file, read with a connection of our own (not the service's
/// DbContext), so "nothing was written" is checked on the real file.
/// </summary>
public sealed class SqliteTableCounts(string connectionString)
{
    public const string IdempotencyTable = "IdempotencyRecords";

    /// <summary>Table name to row count, for every table except SQLite's and EF Core's own bookkeeping.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText =
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    /// <summary>True when the idempotency record under <paramref name="key"/> holds a stored refusal (not a response).</summary>
    public async Task<bool> HoldsRefusalAsync(string key)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {IdempotencyTable} WHERE Key = $key AND Error IS NOT NULL AND Response IS NULL";
        command.Parameters.AddWithValue("$key", key);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}

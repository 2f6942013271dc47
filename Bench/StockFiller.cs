using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.Data.Sqlite;

namespace FoodDelivery.Bench;

/// <summary>
/// The seed menus hold a few dozen units per item; a benchmark places thousands of orders. Before any order, the happy
/// path's item gets more stock the way a delivery of goods would book it: initial stock and available stock grow
/// together, so the audit's "initial = available + held + consumed" keeps holding. Nothing else is touched.
/// </summary>
public static class StockFiller
{
    public static async Task AddStockAsync(string dataDirectory, string itemId, int units, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(DatabaseRegistration.SqliteConnectionString(dataDirectory, "restaurant"));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE MenuItems SET Available = Available + $units, InitialStock = InitialStock + $units, Version = Version + 1 WHERE Id = $id";
        command.Parameters.AddWithValue("$units", units);
        command.Parameters.AddWithValue("$id", itemId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"menu item '{itemId}' is not in the restaurant database");
        }
    }
}

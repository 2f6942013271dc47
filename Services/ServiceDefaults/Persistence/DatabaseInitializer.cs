using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FoodDelivery.ServiceDefaults.Persistence;

/// <summary>
/// Brings the service's database up to date before the server accepts calls: SQLite files are created from the model
/// (in WAL mode, so readers never block the writer); SQL Server gets its EF Core migrations when configured. Then every
/// <see cref="IDatabaseSeeder{TContext}"/> runs; seeders must be idempotent because this runs at every start.
/// </summary>
public sealed class DatabaseInitializer<TContext>(IServiceProvider services, DatabaseOptions options) : IHostedService
    where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else if (options.ApplyMigrations)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Loads reference data (restaurants, menus, couriers). Must be idempotent: it runs at every start.</summary>
public interface IDatabaseSeeder<in TContext>
    where TContext : ServiceDbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FoodDelivery.ServiceDefaults.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the service's DbContext on the provider that configuration selects: a SQLite file named after the
    /// service under Database:DataDirectory by default, SQL Server when Database:Provider is SqlServer.
    /// </summary>
    public static IServiceCollection AddServiceDatabase<TContext>(
        this IServiceCollection services, IConfiguration configuration, string databaseName)
        where TContext : ServiceDbContext
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton<SqliteWriteGate<TContext>>();
        // Pooled: every RPC uses a context, and the contexts hold no state of their own beyond what EF resets on return.
        services.AddDbContextPool<TContext>(builder => Configure(builder, options, databaseName));

        // The database must exist before anything (the health check publisher included) touches it: the initializer
        // goes first among the hosted services, and the SQLite folder exists from the start.
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        }

        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer<TContext>>());
        services.AddHealthChecks().AddDbContextCheck<TContext>(databaseName);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string databaseName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var connectionString = options.ConnectionString
                    ?? throw new InvalidOperationException(
                        "Database:ConnectionString is required when Database:Provider is SqlServer");
                builder.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
                break;
            default:
                builder.UseSqlite(options.ConnectionString ?? SqliteConnectionString(options.DataDirectory, databaseName));
                builder.AddInterceptors(SqliteSynchronousNormal.Instance);
                break;
        }
    }

    public static string SqliteConnectionString(string dataDirectory, string databaseName)
    {
        var path = Path.GetFullPath(Path.Combine(dataDirectory, databaseName + ".db"));
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            // Writers queue behind each other instead of failing with "database is locked".
            DefaultTimeout = 30,
        }.ToString();
    }
}

namespace FoodDelivery.ServiceDefaults.Persistence;

/// <summary>Where a service keeps its data. Bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>"Sqlite" (the embedded default: one file per service) or "SqlServer" (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite only: the folder that holds "{service}.db". Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Overrides the derived connection string (required for SQL Server).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQL Server only: apply pending EF Core migrations at start. SQLite files are created from the model.</summary>
    public bool ApplyMigrations { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

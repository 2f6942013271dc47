namespace FoodDelivery.ServiceDefaults.Persistence;

/// <summary>
/// A row guarded by optimistic concurrency: <see cref="Version"/> is the concurrency token, bumped on every update by
/// <see cref="ServiceDbContext"/>, so two writers that read the same version cannot both win (stock, courier capacity).
/// A plain integer works the same on SQLite and SQL Server.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}

using Microsoft.Extensions.Configuration;

namespace FoodDelivery.AppHost;

/// <summary>
/// What the AppHost reads from its configuration (command line `--AppHost:Key=value`, or environment
/// `AppHost__Key=value`), plus TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE for an external Temporal. The "Simulator" and
/// "Saga" sections are handed on as they are (see <see cref="ServiceResources.WithSection"/>).
/// </summary>
public sealed record AppHostSettings
{
    public const string SectionName = "AppHost";

    /// <summary>Folder of the services' SQLite files. Empty: a fresh temporary folder per run.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>TEMPORAL_ADDRESS: use this Temporal server; no DevServer is started. Null: the DevServer.</summary>
    public string? TemporalAddress { get; init; }

    /// <summary>TEMPORAL_NAMESPACE (default "default").</summary>
    public string TemporalNamespace { get; init; } = "default";

    /// <summary>AppHost:StartSimulator: start the simulator that plays restaurants and couriers (default true).</summary>
    public bool StartSimulator { get; init; } = true;

    public static AppHostSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        string? Value(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
        return new AppHostSettings
        {
            DataDirectory = Value($"{SectionName}:DataDirectory"),
            TemporalAddress = Value("TEMPORAL_ADDRESS"),
            TemporalNamespace = Value("TEMPORAL_NAMESPACE") ?? "default",
            StartSimulator = section.GetValue("StartSimulator", true),
        };
    }

    /// <summary>The data folder as an absolute path, created if missing.</summary>
    public string ResolveDataDirectory()
    {
        var path = DataDirectory is null
            ? Directory.CreateTempSubdirectory("fooddelivery-apphost-").FullName
            : Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}

using System.ComponentModel;
using System.Data.Common;
using FoodDelivery.Audit;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.ServiceDefaults.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Operations;

/// <summary>
/// `audit`: checks the cross-service invariants over the four services' databases (Services/Audit) and names every
/// violation; exits non-zero when there is one. Reads the SQLite files of a data folder, or four SQL Server databases.
/// </summary>
public sealed class AuditCommand(IAnsiConsole console) : AsyncCommand<AuditCommand.Settings>
{
    public static readonly IReadOnlyList<string> ServiceNames = ["order", "payment", "restaurant", "delivery"];

    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("The services' SQLite data folder (default: data, as the services use it, relative to the working directory)")]
        public string? Data { get; set; }

        [CommandOption("--order-db <CONNECTION_STRING>")]
        [Description("SQL Server connection string of the order database (give all four instead of --data)")]
        public string? OrderDb { get; set; }

        [CommandOption("--payment-db <CONNECTION_STRING>")]
        [Description("SQL Server connection string of the payment database")]
        public string? PaymentDb { get; set; }

        [CommandOption("--restaurant-db <CONNECTION_STRING>")]
        [Description("SQL Server connection string of the restaurant database")]
        public string? RestaurantDb { get; set; }

        [CommandOption("--delivery-db <CONNECTION_STRING>")]
        [Description("SQL Server connection string of the delivery database")]
        public string? DeliveryDb { get; set; }

        public string[] SqlServerConnections => new[] { OrderDb, PaymentDb, RestaurantDb, DeliveryDb }.OfType<string>().ToArray();

        public string DataDirectory => Data ?? new DatabaseOptions().DataDirectory;

        public override ValidationResult Validate()
        {
            var given = SqlServerConnections.Length;
            if (given is not (0 or 4))
            {
                return ValidationResult.Error("give all four of --order-db, --payment-db, --restaurant-db, --delivery-db, or none");
            }

            return given == 4 && Data is not null
                ? ValidationResult.Error("--data (SQLite) and --*-db (SQL Server) exclude each other")
                : base.Validate();
        }

        public AuditDatabases ToDatabases()
        {
            if (SqlServerConnections.Length == 0)
            {
                return AuditDatabases.Sqlite(DataDirectory);
            }

            DatabaseOptions SqlServer(string? connection) =>
                new() { Provider = DatabaseProvider.SqlServer, ConnectionString = connection, ApplyMigrations = false };
            return new AuditDatabases(SqlServer(OrderDb), SqlServer(PaymentDb), SqlServer(RestaurantDb), SqlServer(DeliveryDb));
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.SqlServerConnections.Length == 0 && MissingSqliteFiles(settings.DataDirectory) is { Count: > 0 } missing)
        {
            // Opening a missing SQLite file would create an empty one: say what is missing instead.
            console.MarkupLineInterpolated(
                $"[red]no service data in {Path.GetFullPath(settings.DataDirectory)}[/] (missing {string.Join(", ", missing)}): pass --data <DIR>, the folder the services write to (Database:DataDirectory)");
            return ExitCodes.Unreachable;
        }

        AuditReport report;
        try
        {
            report = await ConsistencyAudit.RunAsync(settings.ToDatabases(), cancellationToken);
        }
        catch (Exception error) when (error is DbException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]cannot read the service databases[/]: {error.GetBaseException().Message}");
            return ExitCodes.Unreachable;
        }

        AuditPrinter.Print(console, report);
        return report.IsClean ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static List<string> MissingSqliteFiles(string dataDirectory) =>
        ServiceNames.Select(name => name + ".db").Where(file => !File.Exists(Path.Combine(dataDirectory, file))).ToList();
}

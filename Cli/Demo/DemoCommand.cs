using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Operations;
using FoodDelivery.DevServer;
using FoodDelivery.LocalStack;
using FoodDelivery.Simulator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Demo;

/// <summary>
/// `demo`: needs nothing running. Starts the whole system in this process (embedded DevServer, the four services on
/// SQLite, the saga worker, the simulated restaurants and couriers), tells one story per scenario while showing each
/// saga live, prints how each ended, then runs the consistency audit. Non-zero exit when a story ends otherwise than
/// expected or the audit finds a violation.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoCommand.Settings>
{
    /// <summary>Short, human-watchable simulator delays: the whole demo takes seconds.</summary>
    public static readonly TimeSpan SimulatorDelay = TimeSpan.FromMilliseconds(300);

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--keep-running")]
        [Description("Keep the system up afterwards on the default ports (Order 5101, Temporal 7233, ...) for the other commands; Ctrl+C stops it")]
        public bool KeepRunning { get; set; }

        [CommandOption("--data <DIR>")]
        [Description("Keep the services' SQLite files in this folder (default: a temporary folder, deleted at the end)")]
        public string? Data { get; set; }

        [CommandOption("--db-filename <FILE>")]
        [Description("Keep the engine's state (workflows, timers, task queues) in this SQLite file, so a restarted stack resumes its orders (default with --data: <DIR>/temporal.db; otherwise in memory)")]
        public string? DbFileName { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        console.MarkupLine("starting the whole system in this process: DevServer, order/payment/restaurant/delivery services, saga worker, simulator ...");
        FoodDeliveryStack stack;
        try
        {
            stack = await FoodDeliveryStack.StartAsync(StackOptions(settings), cancellationToken);
        }
        catch (DevServerFileException error)
        {
            console.MarkupLineInterpolated($"[red]cannot start the system[/]: {error.Message}");
            return ExitCodes.Unreachable;
        }
        catch (IOException error)
        {
            // Typically a port already taken by a stack that still runs (--keep-running uses the default ports).
            console.MarkupLineInterpolated($"[red]cannot start the system[/]: {error.Message}");
            return ExitCodes.Unreachable;
        }

        await using (stack)
        {
            var runs = await RunScenariosAsync(stack, cancellationToken);
            console.Write(DemoTables.Results(runs));
            var report = await stack.AuditAsync();
            AuditPrinter.Print(console, report);
            var ok = runs.All(r => r.AsExpected) && report.IsClean;
            console.MarkupLine(ok
                ? "[green]demo passed[/]: every saga ended as expected and the data of the four services is consistent"
                : "[red]demo failed[/]: see the rows in red above");
            if (settings.Data is not null)
            {
                console.MarkupLineInterpolated($"the data stays in {Path.GetFullPath(settings.Data)}; check it again with `fooddelivery audit --data {settings.Data}`");
            }

            if (settings.KeepRunning)
            {
                await KeepRunningAsync(stack, cancellationToken);
            }

            return ok ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }

    private static LocalStackOptions StackOptions(Settings settings) => new()
    {
        DataDirectory = settings.Data is null ? null : Path.GetFullPath(settings.Data),
        DevServerDbFileName = settings.DbFileName is { } file ? Path.GetFullPath(file)
            : settings.Data is { } data ? Path.Combine(Path.GetFullPath(data), "temporal.db") : null,
        UseDefaultPorts = settings.KeepRunning,
        FaultInjection = true,
        Simulator = new SimulatorOptions
        {
            Enabled = true,
            AcceptDelay = SimulatorDelay,
            PickupDelay = SimulatorDelay,
            DeliveryDelay = SimulatorDelay,
        },

        // The services log warnings to this console; EF Core's query-shape advice is noise in the middle of the demo.
        Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error" },
    };

    private async Task<IReadOnlyList<ScenarioRun>> RunScenariosAsync(FoodDeliveryStack stack, CancellationToken cancellationToken)
    {
        // A fresh request id per run: a kept data folder gets new orders each time, never the old ones back.
        var runId = Guid.NewGuid().ToString("N")[..8];
        var runs = DemoScenarios.All.Select(s => new ScenarioRun(s, runId)).ToList();
        console.MarkupLineInterpolated($"placing {runs.Count} orders, one per scenario; the simulated restaurants and couriers answer after {SimulatorDelay.TotalMilliseconds:0} ms:");
        await DemoProgress.ShowUntilDoneAsync(console, runs, Task.WhenAll(runs.Select(r => r.RunAsync(stack, cancellationToken))));
        return runs;
    }

    private async Task KeepRunningAsync(FoodDeliveryStack stack, CancellationToken cancellationToken)
    {
        var endpoints = new Table().AddColumns("what", "where");
        endpoints.Title = new TableTitle("the system keeps running");
        foreach (var (name, addresses) in stack.Endpoints)
        {
            endpoints.AddRow(name, string.Join(", ", addresses));
        }

        console.Write(endpoints);
        console.MarkupLine("use it from another terminal (the CLI's defaults point here):");
        console.MarkupLine("  dotnet run --project Cli -- order place --customer cust-ada --restaurant rest-pizzeria --item item-margherita:2 --address \"Skalitzer Strasse 1, Berlin, 10999, DE\" --payment-token tok_visa");
        console.MarkupLine("  dotnet run --project Cli -- order watch <ORDER_ID>");
        console.MarkupLineInterpolated($"  dotnet run --project Cli -- audit --data {stack.DataDirectory}");
        console.MarkupLine("  grpcurl -plaintext 127.0.0.1:5101 list");
        console.MarkupLine("the simulator accepts, picks up and delivers every new order. [yellow]Ctrl+C stops everything.[/]");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("stopping ...");
        }
    }
}

using System.Globalization;

namespace FoodDelivery.Bench.Chaos;

/// <summary>What one chaos run does; parsed from the command line after "chaos" by <see cref="Parse"/>.</summary>
public sealed record ChaosOptions
{
    public const string Usage =
        """
        usage: dotnet run -c Release --project Bench -- chaos [options]
          --orders N                orders placed under faults (default 1000)
          --seed N                  seed of the fault schedule and of every service's fault draws (default: random, printed)
          --clients N               concurrent clients, each placing its next order when the last one ended (default 32)
          --transient-rate R        share of mutating calls on every service failing with UNAVAILABLE (default 0.1)
          --slow-rate R             share of mutating calls answering after the activity timeout (default 0.05)
          --outage SECONDS          how long one service (picked by the seed) is stopped (default 10)
          --worker-kills N          times the worker process is killed (SIGKILL) and a new one started (default 2)
          --persist                 the DevServer keeps its state in <data>/temporal.db and is restarted mid-run
          --db-filename PATH        the same, in this file (must not exist yet)
          --order-deadline SECONDS  an order not ended by then counts as stuck and fails the run (default 600)
          --out DIR                 folder for chaos.json and chaos.md (default chaos-results)
        """;

    public int Orders { get; init; } = 1000;

    public int Seed { get; init; } = Random.Shared.Next(1, 1_000_000);

    public int Clients { get; init; } = 32;

    public double TransientRate { get; init; } = 0.1;

    public double SlowRate { get; init; } = 0.05;

    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(10);

    public int WorkerKills { get; init; } = 2;

    /// <summary>The DevServer persists (and is restarted mid-run).</summary>
    public bool Persist { get; init; }

    /// <summary>The engine's file; null with <see cref="Persist"/>: temporal.db in the run's data folder.</summary>
    public string? DbFileName { get; init; }

    public TimeSpan OrderDeadline { get; init; } = TimeSpan.FromSeconds(600);

    public string OutputDirectory { get; init; } = "chaos-results";

    /// <summary>The options, or throws <see cref="BenchUsageException"/> with one line naming what is wrong.</summary>
    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ChaosOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new BenchUsageException($"{name} needs a value");
            options = name switch
            {
                "--orders" => options with { Orders = WholeNumber(name, Value(), min: 1) },
                "--seed" => options with { Seed = WholeNumber(name, Value(), min: 0) },
                "--clients" => options with { Clients = WholeNumber(name, Value(), min: 1) },
                "--transient-rate" => options with { TransientRate = Rate(name, Value()) },
                "--slow-rate" => options with { SlowRate = Rate(name, Value()) },
                "--outage" => options with { Outage = TimeSpan.FromSeconds(WholeNumber(name, Value(), min: 0)) },
                "--worker-kills" => options with { WorkerKills = WholeNumber(name, Value(), min: 0) },
                "--persist" => options with { Persist = true },
                "--db-filename" => options with { Persist = true, DbFileName = NewFile(name, Value()) },
                "--order-deadline" => options with { OrderDeadline = TimeSpan.FromSeconds(WholeNumber(name, Value(), min: 1)) },
                "--out" => options with { OutputDirectory = NonEmpty(name, Value()) },
                _ => throw new BenchUsageException($"unknown chaos option '{name}' (see chaos --help)"),
            };
        }

        return options;
    }

    private static int WholeNumber(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new BenchUsageException($"{name} must be a whole number >= {min}, not '{value}'");

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? rate
            : throw new BenchUsageException($"{name} must be a number from 0 to 1, not '{value}'");

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new BenchUsageException($"{name} must not be empty") : value;

    private static string NewFile(string name, string value) =>
        File.Exists(NonEmpty(name, value))
            ? throw new BenchUsageException($"{name}: '{value}' exists already; a chaos run starts from an empty engine")
            : Path.GetFullPath(value);
}

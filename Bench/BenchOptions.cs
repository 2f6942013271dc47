using System.Globalization;

namespace FoodDelivery.Bench;

/// <summary>How orders arrive: N clients each placing its next order when the last one ended, or a fixed rate.</summary>
public enum LoadMode
{
    Closed,
    Open,
}

/// <summary>What one run measures; parsed from the command line by <see cref="Parse"/>.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        """
        usage: dotnet run -c Release --project Bench -- [options]
          --mode closed|open        closed: --clients run orders back to back; open: orders arrive at --rate (default closed)
          --clients N               concurrent clients in closed mode (default 32)
          --rate R                  orders per second offered in open mode (default 50)
          --sagas N                 measured orders per phase, saga and baseline each (default 1000)
          --warmup N                orders per phase before measuring, not counted (default 100)
          --mix happy=90,declined=5,outofstock=5   scenario shares in percent (any non-negative weights, sum > 0)
          --out DIR                 folder for report.json and report.md (default bench-results)
          --no-baseline             run the sagas only
          --order-timeout SECONDS   one order that takes longer fails the run (default 120)
          --couriers N              couriers seeded, capacity 10 each (default 100)
        TEMPORAL_ADDRESS=host:port  use that Temporal server instead of the embedded DevServer
        """;

    public LoadMode Mode { get; init; } = LoadMode.Closed;

    public int Clients { get; init; } = 32;

    public double Rate { get; init; } = 50;

    public int Sagas { get; init; } = 1000;

    public int Warmup { get; init; } = 100;

    public ScenarioMix Mix { get; init; } = ScenarioMix.Default;

    public string OutputDirectory { get; init; } = "bench-results";

    public bool Baseline { get; init; } = true;

    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public int Couriers { get; init; } = 100;

    /// <summary>host:port of a Temporal server; null: the embedded DevServer.</summary>
    public string? TemporalAddress { get; init; }

    /// <summary>The options, or throws <see cref="BenchUsageException"/> with one line naming what is wrong.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args, string? temporalAddress)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions { TemporalAddress = string.IsNullOrWhiteSpace(temporalAddress) ? null : temporalAddress };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new BenchUsageException($"{name} needs a value");
            options = name switch
            {
                "--mode" => options with { Mode = ParseMode(Value()) },
                "--clients" => options with { Clients = PositiveInt(name, Value()) },
                "--rate" => options with { Rate = PositiveDouble(name, Value()) },
                "--sagas" => options with { Sagas = PositiveInt(name, Value()) },
                "--warmup" => options with { Warmup = NonNegativeInt(name, Value()) },
                "--mix" => options with { Mix = ScenarioMix.Parse(Value()) },
                "--out" => options with { OutputDirectory = NonEmpty(name, Value()) },
                "--no-baseline" => options with { Baseline = false },
                "--order-timeout" => options with { OrderTimeout = TimeSpan.FromSeconds(PositiveDouble(name, Value())) },
                "--couriers" => options with { Couriers = PositiveInt(name, Value()) },
                _ => throw new BenchUsageException($"unknown option '{name}' (see --help)"),
            };
        }

        return options;
    }

    /// <summary>One line describing the load, for progress and reports.</summary>
    public string DescribeLoad() => Mode == LoadMode.Closed
        ? $"closed loop, {Clients} clients"
        : $"open loop, {Rate.ToString("0.##", CultureInfo.InvariantCulture)} orders/s offered";

    private static LoadMode ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "closed" => LoadMode.Closed,
        "open" => LoadMode.Open,
        _ => throw new BenchUsageException($"--mode must be 'closed' or 'open', not '{value}'"),
    };

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new BenchUsageException($"{name} must be a positive whole number, not '{value}'");

    private static int NonNegativeInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new BenchUsageException($"{name} must be a whole number >= 0, not '{value}'");

    private static double PositiveDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d > 0 && double.IsFinite(d)
            ? d
            : throw new BenchUsageException($"{name} must be a positive number, not '{value}'");

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new BenchUsageException($"{name} must not be empty") : value;
}

/// <summary>A bad command line: the message is the one line shown to the user.</summary>
public sealed class BenchUsageException(string message) : Exception(message);

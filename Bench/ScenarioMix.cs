using System.Globalization;
using FoodDelivery.Contracts;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Bench;

/// <summary>The kinds of order the benchmark places; each has one expected end.</summary>
public enum Scenario
{
    /// <summary>Accepted, picked up, delivered.</summary>
    Happy,

    /// <summary>The card is declined (tok_declined): the stock hold is released, the order REJECTED.</summary>
    Declined,

    /// <summary>Two of an item with a single unit in stock: OUT_OF_STOCK, the order REJECTED.</summary>
    OutOfStock,
}

/// <summary>Where each scenario must end; anything else fails the run.</summary>
public static class ScenarioExpectations
{
    public static SagaState FinalState(Scenario scenario) =>
        scenario == Scenario.Happy ? SagaState.Delivered : SagaState.Rejected;

    /// <summary>The ErrorInfo reason the rejection must name (null for the happy path).</summary>
    public static string? RejectionReason(Scenario scenario) => scenario switch
    {
        Scenario.Declined => ErrorReasons.CardDeclined,
        Scenario.OutOfStock => ErrorReasons.OutOfStock,
        _ => null,
    };
}

/// <summary>Shares of each scenario, spread evenly over the sequence of orders (deterministic, no randomness).</summary>
public sealed class ScenarioMix
{
    private readonly (Scenario Scenario, double Weight)[] _weights;
    private readonly double _total;

    private ScenarioMix((Scenario, double)[] weights)
    {
        _weights = weights;
        _total = weights.Sum(w => w.Item2);
    }

    public static ScenarioMix Default { get; } = new([(Scenario.Happy, 90), (Scenario.Declined, 5), (Scenario.OutOfStock, 5)]);

    /// <summary>Each scenario's share in percent.</summary>
    public IReadOnlyDictionary<string, double> Shares =>
        _weights.ToDictionary(w => Name(w.Scenario), w => Math.Round(100 * w.Weight / _total, 2));

    /// <summary>"happy=90,declined=5,outofstock=5"; unnamed scenarios get weight 0.</summary>
    public static ScenarioMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = Enum.GetValues<Scenario>().ToDictionary(s => s, _ => 0.0);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var scenario = Enum.GetValues<Scenario>().Cast<Scenario?>().FirstOrDefault(s => Name(s!.Value) == pair[0].ToLowerInvariant())
                ?? throw new BenchUsageException($"--mix: unknown scenario '{pair[0]}' (happy, declined, outofstock)");
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight))
            {
                throw new BenchUsageException($"--mix: '{part}' is not scenario=weight");
            }

            weights[scenario] = weight;
        }

        if (weights.Values.Sum() <= 0)
        {
            throw new BenchUsageException("--mix: the weights must add up to more than 0");
        }

        return new ScenarioMix([.. weights.Select(w => (w.Key, w.Value))]);
    }

    /// <summary>
    /// The scenario of the n-th order. The golden-ratio sequence frac(n * 0.618...) covers [0, 1) evenly, so every
    /// scenario gets its share in any stretch of orders, without randomness (the same run places the same orders).
    /// </summary>
    public Scenario For(long n)
    {
        var point = (n * 0.6180339887498949 % 1.0) * _total;
        foreach (var (scenario, weight) in _weights)
        {
            if (point < weight)
            {
                return scenario;
            }

            point -= weight;
        }

        return _weights.Last(w => w.Weight > 0).Scenario;
    }

    public override string ToString() =>
        string.Join(",", _weights.Select(w => $"{Name(w.Scenario)}={w.Weight.ToString(CultureInfo.InvariantCulture)}"));

    public static string Name(Scenario scenario) => scenario.ToString().ToLowerInvariant();
}

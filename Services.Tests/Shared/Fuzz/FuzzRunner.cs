using System.Globalization;
using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// Runs a fuzz property: draws <c>iterations</c> values from a CsCheck generator, one after another, and checks each.
/// The draws come from one PCG stream per property, seeded with <see cref="DefaultSeed"/> (or FUZZ_SEED), so a run is
/// the same sequence of requests every time: a failure names the seed and the iteration, and FUZZ_SEED=&lt;seed&gt;
/// replays exactly that run. Requests go one at a time because each check compares the database before and after.
/// </summary>
public static class FuzzRunner
{
    /// <summary>The seed CI uses; set FUZZ_SEED to explore (or replay) another sequence.</summary>
    public const ulong DefaultSeed = 20261127;

    public const string SeedVariable = "FUZZ_SEED";

    public static ulong Seed =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? ulong.Parse(text, CultureInfo.InvariantCulture)
            : DefaultSeed;

    /// <summary>Checks <paramref name="iterations"/> generated values; returns how many were checked.</summary>
    public static async Task<int> RunAsync<T>(
        string property,
        Gen<T> gen,
        int iterations,
        Func<T, Task> check,
        Func<T, string> describe,
        ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(output);
        var seed = Seed;
        var random = new PCG(StreamOf(property), seed);
        for (var i = 0; i < iterations; i++)
        {
            var value = gen.Generate(random, null, out _);
            try
            {
                await check(value);
            }
            catch (Exception ex)
            {
                var message =
                    $"fuzz property '{property}' failed at iteration {i} of {iterations}; {SeedVariable}={seed} replays this run\n" +
                    $"input: {Shorten(describe(value))}\n{ex.Message}";
                output.WriteLine(message);
                throw new FuzzFailureException(message, ex);
            }
        }

        output.WriteLine($"{property}: {iterations} inputs checked ({SeedVariable}={seed})");
        return iterations;
    }

    /// <summary>At most 2,000 characters of a description: a 100,000-character field would drown the report.</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 2000 ? text : $"{text[..2000]}... ({text.Length} characters)";
    }

    // A stable stream per property (string.GetHashCode is randomized per process): FNV-1a over the name.
    private static uint StreamOf(string property)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(property))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}

/// <summary>A fuzz property failed; the message names the seed, the iteration and the input.</summary>
public sealed class FuzzFailureException(string message, Exception inner) : Exception(message, inner);

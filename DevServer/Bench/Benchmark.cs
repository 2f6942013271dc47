namespace FoodDelivery.DevServer.Bench;

/// <summary>Placeholder until the benchmark is written.</summary>
internal static class Benchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}

using FoodDelivery.Bench;
using FoodDelivery.Bench.Chaos;

// Exit codes: 0 passed (consistent, every order ended as expected), 1 failed run, 2 bad command line.
if (args.Length > 0 && args[0] == "chaos")
{
    return await ChaosCommand.RunAsync(args[1..]);
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS"));
}
catch (BenchUsageException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    var report = await BenchRunner.RunAsync(options, Console.Error, stop.Token);
    var (json, markdown) = await ReportWriter.WriteAsync(report, options.OutputDirectory, CancellationToken.None);
    Console.Write(ReportWriter.Summary(report));
    Console.WriteLine($"report: {json}, {markdown}");
    return report.Passed ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("stopped");
    return 1;
}

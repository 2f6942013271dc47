using FoodDelivery.Bench;
using FoodDelivery.Bench.Chaos;

// Exit codes: 0 passed (consistent, every order ended as expected), 1 failed run, 2 bad command line.
if (args.Length > 0 && args[0] == "chaos")
{
    return await ChaosCommand.RunAsync(args[1..]);
}

return await BenchCommand.RunAsync(
    args,
    BenchOptions.Usage,
    () => BenchOptions.Parse(args, Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS")),
    async (options, stop) =>
    {
        var report = await BenchRunner.RunAsync(options, Console.Error, stop);
        var (json, markdown) = await ReportWriter.WriteAsync(report, options.OutputDirectory, CancellationToken.None);
        Console.Write(ReportWriter.Summary(report));
        Console.WriteLine($"report: {json}, {markdown}");
        return report.Passed;
    });

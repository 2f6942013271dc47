namespace FoodDelivery.Bench.Chaos;

/// <summary>"chaos": runs orders under injected faults and judges them. Exit 0 passed, 1 failed (a violation, a stuck order), 2 bad command line.</summary>
public static class ChaosCommand
{
    public static Task<int> RunAsync(IReadOnlyList<string> args) => BenchCommand.RunAsync(
        args,
        ChaosOptions.Usage,
        () => ChaosOptions.Parse(args),
        async (options, stop) =>
        {
            var report = await ChaosRunner.RunAsync(options, Console.Error, stop);
            var (json, markdown) = await ChaosReportWriter.WriteAsync(report, options.OutputDirectory, CancellationToken.None);
            Console.Write(ChaosReportWriter.Summary(report));
            Console.WriteLine($"report: {json}, {markdown}");
            return report.Passed;
        });
}

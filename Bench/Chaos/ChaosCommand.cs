namespace FoodDelivery.Bench.Chaos;

/// <summary>"chaos": runs orders under injected faults and judges them. Exit 0 passed, 1 failed (a violation, a stuck order), 2 bad command line.</summary>
public static class ChaosCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(ChaosOptions.Usage);
            return 0;
        }

        ChaosOptions options;
        try
        {
            options = ChaosOptions.Parse(args);
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
            var report = await ChaosRunner.RunAsync(options, Console.Error, stop.Token);
            var (json, markdown) = await ChaosReportWriter.WriteAsync(report, options.OutputDirectory, CancellationToken.None);
            Console.Write(ChaosReportWriter.Summary(report));
            Console.WriteLine($"report: {json}, {markdown}");
            return report.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("stopped");
            return 1;
        }
    }
}

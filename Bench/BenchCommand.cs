namespace FoodDelivery.Bench;

/// <summary>
/// What every Bench command does around its run: help, parsing (a bad command line is one line and exit 2), Ctrl+C
/// as a clean stop, and the exit code of the verdict (0 passed, 1 failed or stopped).
/// </summary>
public static class BenchCommand
{
    /// <param name="usage">Printed for --help.</param>
    /// <param name="parse">Throws <see cref="BenchUsageException"/> on a bad command line.</param>
    /// <param name="runAndReport">Runs, writes the report, and answers whether the run passed.</param>
    public static async Task<int> RunAsync<TOptions>(
        IReadOnlyList<string> args, string usage, Func<TOptions> parse, Func<TOptions, CancellationToken, Task<bool>> runAndReport)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(runAndReport);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(usage);
            return 0;
        }

        TOptions options;
        try
        {
            options = parse();
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
            return await runAndReport(options, stop.Token) ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("stopped");
            return 1;
        }
    }
}

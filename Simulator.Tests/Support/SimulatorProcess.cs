using System.Diagnostics;

namespace FoodDelivery.Simulator.Tests.Support;

/// <summary>Runs the built standalone simulator (<c>dotnet FoodDelivery.Simulator.dll</c>) and collects what it printed.</summary>
public static class SimulatorProcess
{
    public sealed record Exit(int Code, IReadOnlyList<string> StandardError, string StandardOutput);

    /// <summary>Runs it to its end (it is expected to refuse to start).</summary>
    public static async Task<Exit> RunAsync(string environmentName, params string[] arguments)
    {
        using var process = Start(environmentName, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitForExitAsync(process);
        return new Exit(process.ExitCode, Lines(await stderr), await stdout);
    }

    /// <summary>Runs it until the test is done with it, then stops it as a service manager would (SIGTERM).</summary>
    public static async Task<Exit> RunWhileAsync(Func<Task> whileRunning, string environmentName, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(whileRunning);
        using var process = Start(environmentName, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await whileRunning();
        }
        finally
        {
            using var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await terminate.WaitForExitAsync();
            await WaitForExitAsync(process);
        }

        return new Exit(process.ExitCode, Lines(await stderr), await stdout);
    }

    private static async Task WaitForExitAsync(Process process)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(Orders.Deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Process Start(string environmentName, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FoodDelivery.Simulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test says: no Temporal or simulator settings inherited from the machine running the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("TEMPORAL_", StringComparison.Ordinal)
                     || k.StartsWith("Simulator__", StringComparison.Ordinal) || k.StartsWith("Services__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }
}

using System.Diagnostics;

namespace FoodDelivery.Simulator.Tests.Support;

/// <summary>Runs the built standalone simulator (<c>dotnet FoodDelivery.Simulator.dll</c>) and collects what it printed.</summary>
public static class SimulatorProcess
{
    public sealed record Exit(int Code, IReadOnlyList<string> StandardError, string StandardOutput);

    public static async Task<Exit> RunAsync(string environmentName, params string[] arguments)
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
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Orders.Deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Exit(process.ExitCode, errors, await stdout);
    }
}

using FoodDelivery.Cli.Infrastructure;
using Spectre.Console;

namespace FoodDelivery.Cli.Demo;

/// <summary>
/// Shows the scenario runs while they go: a live table of every order's saga on a terminal, and one line per state
/// change where nothing can be redrawn (output redirected to a file, CI logs, tests).
/// </summary>
public static class DemoProgress
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    public static async Task ShowUntilDoneAsync(IAnsiConsole console, IReadOnlyList<ScenarioRun> runs, Task running)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(running);
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Live(DemoTables.Progress(runs)).StartAsync(async live =>
            {
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(RefreshInterval));
                    live.UpdateTarget(DemoTables.Progress(runs));
                    live.Refresh();
                }
            });
        }
        else
        {
            var shown = new Dictionary<ScenarioRun, string>();
            void PrintChanges()
            {
                foreach (var run in runs.Where(r => !shown.TryGetValue(r, out var state) || state != r.State))
                {
                    shown[run] = run.State;
                    console.MarkupLineInterpolated($"  {run.OrderId}  {run.Scenario.Name,-28} {run.State,-20} {Display.Seconds(run.Elapsed)}");
                }
            }

            while (!running.IsCompleted)
            {
                PrintChanges();
                await Task.WhenAny(running, Task.Delay(RefreshInterval));
            }

            PrintChanges();
        }

        await running;
    }
}

using Spectre.Console.Testing;

namespace FoodDelivery.Cli.Tests.Support;

/// <summary>What one CLI invocation printed and how it exited.</summary>
public sealed record CliRun(int ExitCode, string Output)
{
    /// <summary>Runs `fooddelivery args...` in this process, as Program.cs does, on a wide test console (no wrapping).</summary>
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var console = new TestConsole().Width(250);
        var exitCode = await CliApp.RunAsync(args, console, cancellationToken);
        return new CliRun(exitCode, console.Output);
    }

    /// <summary>As on a terminal: live displays redraw instead of printing one line per change.</summary>
    public static async Task<CliRun> RunInteractiveAsync(params string[] args)
    {
        using var console = new TestConsole().Width(250).Interactive();
        var exitCode = await CliApp.RunAsync(args, console);
        return new CliRun(exitCode, console.Output);
    }

    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

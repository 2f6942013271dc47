using FoodDelivery.Cli;
using Spectre.Console;

// Ctrl+C cancels the running command (the demo then stops its stack cleanly) instead of killing the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// Written to a file or a pipe, lines are not wrapped at 80 columns (an order id stays on one line).
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    console.Profile.Width = 200;
}

return await CliApp.RunAsync(args, console, cancellation.Token);

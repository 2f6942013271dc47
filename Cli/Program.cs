using System.Runtime.InteropServices;
using FoodDelivery.Cli;
using Spectre.Console;

// Ctrl+C (and SIGTERM) cancel the running command, so `demo --keep-running` stops its stack cleanly instead of the
// process dying mid-write.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

// Written to a file or a pipe, lines are not wrapped at 80 columns (an order id stays on one line).
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    console.Profile.Width = 200;
}

return await CliApp.RunAsync(args, console, cancellation.Token);

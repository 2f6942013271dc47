using Grpc.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>
/// A command that talks to the Order service: it gets the clients, and any failed call is printed the same way
/// (<see cref="RpcErrorReport"/>) with the matching exit code, never as a stack trace.
/// </summary>
public abstract class OrderApiCommand<TSettings>(IAnsiConsole console) : AsyncCommand<TSettings>
    where TSettings : GlobalSettings
{
    protected IAnsiConsole Console { get; } = console;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var api = new OrderApiClients(settings.OrderEndpoint, CallerCredentials.For(settings));
        try
        {
            return await RunAsync(api, settings, cancellationToken);
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C, e.g. during `order watch`: the person asked for it, nothing failed.
            Console.MarkupLine("[grey]stopped[/]");
            return ExitCodes.Interrupted;
        }
        catch (RpcException error)
        {
            return RpcErrorReport.Print(Console, error, api.Address);
        }
    }

    protected abstract Task<int> RunAsync(OrderApiClients api, TSettings settings, CancellationToken cancellationToken);
}

using Spectre.Console;
using Temporalio.Client;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>Connects to Temporal as the global options say; an unreachable server is one actionable line, not a stack trace.</summary>
public static class TemporalConnector
{
    /// <summary>The client, or null after printing why there is none.</summary>
    public static async Task<TemporalClient?> ConnectAsync(IAnsiConsole console, GlobalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(settings.TemporalEndpoint)
            {
                Namespace = settings.TemporalNamespace,
            });
        }
        catch (Exception error) when (error is InvalidOperationException or Temporalio.Exceptions.RpcException)
        {
            console.MarkupLineInterpolated(
                $"[red]cannot reach Temporal at {settings.TemporalEndpoint}[/] ({error.Message}): start it with `dotnet run --project Cli -- demo --keep-running` (or `dotnet run --project DevServer`), or point --temporal-address / {GlobalSettings.TemporalAddressVariable} at it");
            return null;
        }
    }
}

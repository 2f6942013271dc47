using FoodDelivery.Orchestrator.Codec;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Temporalio.Client;
using Temporalio.Converters;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>Connects to Temporal as the global options say; an unreachable server is one actionable line, not a stack trace.</summary>
public static class TemporalConnector
{
    /// <summary>The client, or null after printing why there is none.</summary>
    public static async Task<TemporalClient?> ConnectAsync(IAnsiConsole console, GlobalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(settings);
        DataConverter payloads;
        try
        {
            // The same payload keys as the worker and the Order service (Temporal__Encryption__* in the environment).
            payloads = FoodDeliveryDataConverter.Create(PayloadEncryptionOptions.From(new ConfigurationBuilder().AddEnvironmentVariables().Build()));
        }
        catch (InvalidOperationException error)
        {
            console.MarkupLineInterpolated($"[red]bad payload encryption keys[/]: {error.Message}");
            return null;
        }

        try
        {
            return await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(settings.TemporalEndpoint)
            {
                Namespace = settings.TemporalNamespace,
                DataConverter = payloads,
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

using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Codec;
using Spectre.Console;
using Spectre.Console.Cli;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using TemporalRpcException = Temporalio.Exceptions.RpcException;

namespace FoodDelivery.Cli.Operations;

/// <summary>
/// `history export &lt;order-id&gt;`: the saga's workflow history as JSON, fetched through the Temporal client. The
/// format is the one <c>temporal workflow show --output json</c> writes and Workflows.Tests/Histories holds, so the
/// file can go straight into the replay corpus.
/// <para>
/// Payloads are written as the engine stores them, encrypted (Orchestrator/Codec), so an exported file holds no
/// customer data in clear; the replayer decrypts them with the same keys. <c>--decrypt</c> writes them in clear instead
/// (for reading, or for the replay corpus). Either file replays with the shared data converter.
/// </para>
/// </summary>
public sealed class HistoryExportCommand(IAnsiConsole console) : AsyncCommand<HistoryExportCommand.Settings>
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<ORDER_ID>")]
        [Description("The order whose saga (workflow order-<ORDER_ID>) to export")]
        public string OrderId { get; set; } = string.Empty;

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the JSON to this file (default: standard output)")]
        public string? Out { get; set; }

        [CommandOption("--decrypt")]
        [Description("Write payloads decrypted, in clear (default: encrypted, as the engine stores them)")]
        public bool Decrypt { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var client = await TemporalConnector.ConnectAsync(console, settings);
        if (client is null)
        {
            return ExitCodes.Unreachable;
        }

        var workflowId = WireNames.WorkflowIdFor(settings.OrderId);
        WorkflowHistory history;
        try
        {
            history = await client.GetWorkflowHandle(workflowId).FetchHistoryAsync(
                new WorkflowHistoryEventFetchOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (TemporalRpcException error) when (error.Code is TemporalRpcException.StatusCode.NotFound)
        {
            console.MarkupLineInterpolated(
                $"[red]no saga for order {settings.OrderId}[/] (workflow {workflowId}) in namespace {settings.TemporalNamespace} at {settings.TemporalEndpoint}");
            return ExitCodes.Failed;
        }

        if (settings.Decrypt && client.Options.DataConverter.PayloadCodec is { } codec)
        {
            foreach (var historyEvent in history.Events)
            {
                await MessagePayloads.DecodeAsync(historyEvent, codec);
            }
        }

        var json = ToIndentedJson(history);
        if (settings.Out is null)
        {
            await console.Profile.Out.Writer.WriteAsync(json);
            return ExitCodes.Ok;
        }

        await File.WriteAllTextAsync(settings.Out, json, cancellationToken);
        var ended = history.Events.LastOrDefault()?.EventType is EventType.WorkflowExecutionCompleted or EventType.WorkflowExecutionFailed
            or EventType.WorkflowExecutionCanceled or EventType.WorkflowExecutionTerminated or EventType.WorkflowExecutionTimedOut;
        console.MarkupLineInterpolated($"wrote {history.Events.Count} events of {workflowId} to {settings.Out}");
        if (!ended)
        {
            console.MarkupLine("[yellow]the saga is still running: the history ends where the saga is now[/]");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The proto3 JSON of the history, indented for readable diffs (as Workflows.Tests' HistoryRecorder writes it).</summary>
    public static string ToIndentedJson(WorkflowHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        using var parsed = JsonDocument.Parse(history.ToJson());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            parsed.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

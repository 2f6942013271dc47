using System.Text.Encodings.Web;
using System.Text.Json;
using FoodDelivery.Orchestrator.Codec;
using Temporalio.Api.Enums.V1;

namespace FoodDelivery.Workflows.Tests.Support;

/// <summary>
/// Writes a finished saga's event history to <c>Workflows.Tests/Histories/&lt;scenario&gt;.json</c>, where the replay
/// tests (Replay/HistoryReplayTests) replay every file against the current <c>OrderSagaWorkflow</c>.
/// <para>
/// Usage, as the last line of a scenario test, once the saga has ended (its result awaited):
/// <code>await HistoryRecorder.RecordAsync(_environment, orderId, "card-declined");</code>
/// The scenario name is the file name: stable, lower-case, dash-separated, one per scenario (never the order id,
/// which is random per run).
/// </para>
/// <para>
/// Recording is off unless the environment variable <see cref="FolderVariable"/> names a folder; then every call
/// overwrites <c>&lt;folder&gt;/&lt;scenario&gt;.json</c>. Unset, <see cref="RecordAsync"/> returns at once without
/// touching the engine, so scenarios can always call it. To regenerate the committed histories (from the repository
/// root):
/// <code>FOODDELIVERY_RECORD_HISTORIES=$PWD/Workflows.Tests/Histories dotnet test Workflows.Tests -c Release</code>
/// </para>
/// <para>
/// The file is exactly what <c>temporal workflow show --workflow-id ... --output json</c> writes: the proto3 JSON of
/// <c>temporal.api.history.v1.History</c> (<c>{"events":[...]}</c>, from <see cref="Temporalio.Common.WorkflowHistory.ToJson()"/>),
/// indented for readable diffs. So a history exported from a real cluster or the Temporal UI can be dropped into the
/// folder as well, and ours can be loaded by <c>WorkflowHistory.FromJson</c> or any Temporal tool.
/// </para>
/// </summary>
public static class HistoryRecorder
{
    /// <summary>The environment variable that turns recording on: the folder to write the histories to.</summary>
    public const string FolderVariable = "FOODDELIVERY_RECORD_HISTORIES";

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,

        // Keep the text as the proto JSON formatter wrote it ('+', '<', '\'' in messages stay readable).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The folder histories are written to, or null when recording is off.</summary>
    public static string? Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : null;

    /// <summary>
    /// Records the ended saga of <paramref name="orderId"/> as <c>&lt;scenario&gt;.json</c> when
    /// <see cref="FolderVariable"/> is set; otherwise does nothing. Call it after the saga's result was awaited: a
    /// saga that is still running is refused, so only complete histories are committed.
    /// </summary>
    /// <param name="environment">The scenario's environment (its client reads the history from the engine).</param>
    /// <param name="orderId">The order whose saga (workflow <c>order-{orderId}</c>) to record.</param>
    /// <param name="scenario">Stable file name without extension, e.g. "happy-path", "card-declined".</param>
    public static Task RecordAsync(SagaEnvironment environment, string orderId, string scenario)
    {
        var folder = Folder;
        return folder is null ? Task.CompletedTask : WriteAsync(environment, orderId, scenario, folder);
    }

    private static async Task WriteAsync(SagaEnvironment environment, string orderId, string scenario, string folder)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(scenario) || scenario.IndexOfAny(['/', '\\', '.', ' ']) >= 0)
        {
            throw new ArgumentException($"'{scenario}' is not a valid scenario file name (use e.g. \"card-declined\")", nameof(scenario));
        }

        var history = await environment.Saga(orderId).FetchHistoryAsync();
        var last = history.Events.LastOrDefault()?.EventType;
        if (last is not (EventType.WorkflowExecutionCompleted or EventType.WorkflowExecutionFailed
            or EventType.WorkflowExecutionCanceled or EventType.WorkflowExecutionTerminated
            or EventType.WorkflowExecutionTimedOut or EventType.WorkflowExecutionContinuedAsNew))
        {
            throw new InvalidOperationException(
                $"the saga of order {orderId} has not ended (last event: {last?.ToString() ?? "none"}); " +
                $"record scenario '{scenario}' after awaiting the saga's result");
        }

        // The engine holds the payloads encrypted; the corpus keeps them in clear, for readable diffs.
        foreach (var historyEvent in history.Events)
        {
            await MessagePayloads.DecodeAsync(historyEvent, environment.Client.Options.DataConverter.PayloadCodec!);
        }

        Directory.CreateDirectory(folder);
        using var parsed = JsonDocument.Parse(history.ToJson());
        var path = Path.Combine(folder, scenario + ".json");
        await using (var file = File.Create(path))
        {
            await using var writer = new Utf8JsonWriter(file, Indented);
            parsed.WriteTo(writer);
        }

        await File.AppendAllTextAsync(path, "\n");
    }
}

using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Common;

namespace FoodDelivery.Workflows.Tests.Replay;

/// <summary>
/// The committed histories (Workflows.Tests/Histories/*.json, copied next to the test assembly by the csproj), in the
/// JSON format <c>temporal workflow show --output json</c> writes. Regenerate them with
/// <c>FOODDELIVERY_RECORD_HISTORIES=$PWD/Workflows.Tests/Histories dotnet test Workflows.Tests -c Release</c>.
/// </summary>
internal static class RecordedHistories
{
    public const string HappyPath = "happy-path";

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Histories");

    /// <summary>Scenario names (file names without .json), sorted; empty when the folder is missing or empty.</summary>
    public static IReadOnlyList<string> Names() =>
        Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    public static WorkflowHistory Load(string name)
    {
        var path = Path.Combine(Folder, name + ".json");
        var json = File.ReadAllText(path);

        // The workflow id is not part of the file (the CLI's format has none); the started event names it.
        var probe = WorkflowHistory.FromJson("unknown", json);
        var workflowId = probe.Events.FirstOrDefault()?.WorkflowExecutionStartedEventAttributes?.WorkflowId;
        return workflowId is { Length: > 0 } ? WorkflowHistory.FromJson(workflowId, json) : probe;
    }

    /// <summary>
    /// The history as a worker would see it with the saga in flight right after payment was authorized: every event up to
    /// the workflow task that follows the AuthorizePayment activity's completion (the task whose commands start the
    /// restaurant's acceptance timer). Replaying it is what a freshly deployed worker does for a saga waiting on the restaurant.
    /// </summary>
    public static WorkflowHistory InFlightAfterPaymentAuthorized(WorkflowHistory history)
    {
        var events = history.Events.ToList();
        var authorize = events.FindIndex(e =>
            e.EventType == EventType.ActivityTaskScheduled && e.ActivityTaskScheduledEventAttributes.ActivityType.Name == "AuthorizePayment");
        if (authorize < 0)
        {
            throw new InvalidOperationException($"history {history.Id} never schedules AuthorizePayment");
        }

        var nextTask = events.FindIndex(authorize, e => e.EventType == EventType.WorkflowTaskStarted);
        if (nextTask < 0)
        {
            throw new InvalidOperationException($"history {history.Id} has no workflow task after AuthorizePayment");
        }

        return new WorkflowHistory(history.Id, events.Take(nextTask + 1).ToList());
    }

    public static bool HasEnded(IReadOnlyCollection<HistoryEvent> events) =>
        events.LastOrDefault()?.EventType is EventType.WorkflowExecutionCompleted or EventType.WorkflowExecutionFailed
            or EventType.WorkflowExecutionCanceled or EventType.WorkflowExecutionTerminated
            or EventType.WorkflowExecutionTimedOut or EventType.WorkflowExecutionContinuedAsNew;
}

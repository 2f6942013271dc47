using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Worker;

namespace FoodDelivery.DevServer.Tests;

/// <summary>Helpers to check a workflow's history: its event types, and that the SDK replays it deterministically.</summary>
public static class HistoryAssertions
{
    public static async Task<WorkflowHistory> FetchHistoryAsync(this WorkflowHandle handle) =>
        await handle.FetchHistoryAsync();

    public static List<EventType> EventTypes(this WorkflowHistory history) =>
        history.Events.Select(e => e.EventType).ToList();

    /// <summary>Replays the history with the workflow's code; throws on any non-determinism.</summary>
    public static async Task ReplayAsync<TWorkflow>(WorkflowHistory history)
    {
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<TWorkflow>());
        var result = await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: true);
        result.ReplayFailure.Should().BeNull();
    }
}

using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;
using Xunit.Abstractions;

namespace FoodDelivery.Workflows.Tests.Replay;

/// <summary>
/// Proves the replay check has teeth, on the real recorded happy-path history: reordering two of the saga's commands
/// (authorize payment before reserving items, see ReorderedSagaFixtures.workflow.cs) fails replay with a
/// non-determinism error, and the same change behind <c>Workflow.Patched</c> replays, because a history without the
/// patch marker takes the old path.
/// </summary>
public sealed class NondeterminismTests(ITestOutputHelper output)
{
    private static readonly WorkflowHistory HappyPath = RecordedHistories.Load(RecordedHistories.HappyPath);

    private static readonly WorkflowHistory InFlight = RecordedHistories.InFlightAfterPaymentAuthorized(HappyPath);

    [Fact]
    public async Task ReplayWorkflow_OriginalOrderOnInFlightHappyPath_Replays()
    {
        // The control: the fixtures' shared prefix matches the recorded saga, so a failure below is the reordering alone.
        var result = await ReplayAsync<OriginalSagaPrefix>(InFlight);

        result.ReplayFailure.Should().BeNull(result.ReplayFailure?.ToString());
    }

    [Fact]
    public async Task ReplayWorkflow_ReorderedStepsOnHappyPath_FailsWithNondeterminism()
    {
        foreach (var history in new[] { HappyPath, InFlight })
        {
            var result = await ReplayAsync<ReorderedSaga>(history);

            result.ReplayFailure.Should().NotBeNull($"the reordered saga must not replay a history of {history.Events.Count} events");
            var failure = result.ReplayFailure!;
            output.WriteLine($"{history.Events.Count} events: {failure.GetType().Name}: {failure.Message}");
            failure.Should().BeOfType<WorkflowNondeterminismException>();

            // It fails where the orders differ: the history's second activity is ReserveItems, the code's is AuthorizePayment.
            failure.Message.Should().Contain("'ReserveItems'").And.Contain("'AuthorizePayment'");
        }
    }

    [Fact]
    public async Task ReplayWorkflowAsync_ReorderedStepsThrowOnFailure_ThrowsNondeterminism()
    {
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<ReorderedSaga>());

        var replay = () => replayer.ReplayWorkflowAsync(HappyPath);

        await replay.Should().ThrowAsync<WorkflowNondeterminismException>();
    }

    [Fact]
    public async Task ReplayWorkflow_ReorderedStepsBehindPatchedOnInFlightHappyPath_Replays()
    {
        var result = await ReplayAsync<PatchedReorderedSaga>(InFlight);

        result.ReplayFailure.Should().BeNull(result.ReplayFailure?.ToString());
    }

    private static Task<WorkflowReplayResult> ReplayAsync<TWorkflow>(WorkflowHistory history) =>
        new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<TWorkflow>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);
}

using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Worker;

namespace FoodDelivery.Workflows.Tests.Replay;

/// <summary>
/// Every committed history (one theory case per Histories/*.json) replays against the current
/// <see cref="OrderSagaWorkflow"/> without a non-determinism error: a change to the saga that would break sagas
/// already running in production fails here first.
/// </summary>
public sealed class HistoryReplayTests
{
    public static TheoryData<string> Histories()
    {
        var data = new TheoryData<string>();
        foreach (var name in RecordedHistories.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Histories_Folder_HoldsTheRecordedScenarios()
    {
        var names = RecordedHistories.Names();

        names.Should().NotBeEmpty(
            $"the replay tests need recorded histories in {RecordedHistories.Folder} (copied from Workflows.Tests/Histories); "
            + "regenerate them with FOODDELIVERY_RECORD_HISTORIES=$PWD/Workflows.Tests/Histories dotnet test Workflows.Tests -c Release");
        names.Should().Contain(RecordedHistories.HappyPath);
    }

    [Theory]
    [MemberData(nameof(Histories))]
    public async Task ReplayWorkflow_RecordedHistory_IsDeterministic(string scenario)
    {
        var history = RecordedHistories.Load(scenario);
        history.Events.First().WorkflowExecutionStartedEventAttributes.WorkflowType.Name.Should().Be(WireNames.OrderSagaWorkflowType);
        RecordedHistories.HasEnded(history.Events).Should().BeTrue($"{scenario}.json should hold a saga that ended");
        // Recorded in clear or exported encrypted (development key): the shared converter replays both.
        var replayer = new WorkflowReplayer(
            new WorkflowReplayerOptions { DataConverter = FoodDeliveryDataConverter.Create(PayloadEncryptionOptions.Development) }
                .AddWorkflow<OrderSagaWorkflow>());

        var result = await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: false);

        result.ReplayFailure.Should().BeNull(
            $"{scenario}.json must replay against the current OrderSagaWorkflow; a non-determinism error means the change breaks "
            + $"running sagas (guard it with Workflow.Patched): {result.ReplayFailure}");
    }
}

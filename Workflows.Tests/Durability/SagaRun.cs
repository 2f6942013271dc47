using FoodDelivery.Orchestrator.Saga;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>
/// One finished saga as the crash tests compare it: its result, its effects in the four services, and the steps its
/// history records (activities scheduled, timers, signals, updates, in order; workflow-task bookkeeping left out,
/// since a crash legitimately adds a timed-out workflow task).
/// </summary>
public sealed record SagaRun(string OrderId, OrderSagaResult Result, SagaEffects Effects, IReadOnlyList<string> Steps)
{
    public static async Task<SagaRun> ReadAsync(CrashableSagaSystem system, OrderSagaResult result)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(result);
        var history = await system.HistoryAsync(result.OrderId);
        ShouldBeWhole(history, result.OrderId);
        var effects = await SagaEffects.ReadAsync(result, system.Stack.DataDirectory);
        return new SagaRun(result.OrderId, result, effects, [.. history.Select(Step).OfType<string>()]);
    }

    /// <summary>The run ended like <paramref name="reference"/>: same result, same effects, same steps in the same order.</summary>
    public void ShouldMatch(SagaRun reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Effects.Should().Be(reference.Effects, $"the crashed run of order {OrderId} must end like the run without a crash, order {reference.OrderId}");
        Steps.Should().Equal(reference.Steps, $"order {OrderId} must take the same steps as order {reference.OrderId}, each once");
    }

    /// <summary>
    /// Nothing partial or doubled in the history: event ids run 1..n without a gap, it ends closed, and no activity
    /// was scheduled twice (the SDK numbers them; a command applied twice by the engine would repeat one).
    /// </summary>
    private static void ShouldBeWhole(IReadOnlyList<HistoryEvent> history, string orderId)
    {
        history.Select(e => e.EventId).Should().Equal(Enumerable.Range(1, history.Count).Select(n => (long)n), $"order {orderId} has every event once, in order");
        history[0].EventType.Should().Be(EventType.WorkflowExecutionStarted);
        CrashableSagaSystem.IsClosingEvent(history[^1]).Should().BeTrue($"order {orderId}'s history ends with its close, not {history[^1].EventType}");
        history.Where(e => e.EventType == EventType.ActivityTaskScheduled)
            .Select(e => e.ActivityTaskScheduledEventAttributes.ActivityId)
            .Should().OnlyHaveUniqueItems($"order {orderId} schedules each activity once");
    }

    private static string? Step(HistoryEvent e) => e.EventType switch
    {
        EventType.ActivityTaskScheduled => $"run {e.ActivityTaskScheduledEventAttributes.ActivityType.Name}",
        EventType.ActivityTaskCompleted => "step done",
        EventType.ActivityTaskFailed => "step failed",
        EventType.ActivityTaskTimedOut => "step timed out",
        EventType.TimerStarted => "timer started",
        EventType.TimerFired => "timer fired",
        EventType.TimerCanceled => "timer cancelled",
        EventType.WorkflowExecutionSignaled => $"signal {e.WorkflowExecutionSignaledEventAttributes.SignalName}",
        EventType.WorkflowExecutionUpdateAccepted => $"update {e.WorkflowExecutionUpdateAcceptedEventAttributes.AcceptedRequest.Input.Name} accepted",
        EventType.WorkflowExecutionUpdateCompleted => "update completed",
        EventType.WorkflowExecutionCompleted => "completed",
        EventType.WorkflowExecutionFailed => "failed",
        _ => null,
    };
}

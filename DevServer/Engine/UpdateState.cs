using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// One workflow update, from admission (request received) through acceptance or rejection to completion.
/// Accepted and completed updates are also in history; rejected ones exist only here.
/// </summary>
internal sealed class UpdateState(string updateId, Request request)
{
    private readonly List<(UpdateWorkflowExecutionLifecycleStage Stage, TaskCompletionSource Signal)> _waiters = [];

    public string UpdateId { get; } = updateId;

    public Request Request { get; } = request;

    /// <summary>The protocol message id sent to the worker (the real server's convention).</summary>
    public string RequestMessageId => UpdateId + "/request";

    public UpdateWorkflowExecutionLifecycleStage Stage { get; private set; } = UpdateWorkflowExecutionLifecycleStage.Admitted;

    /// <summary>True once handed to a worker in a started workflow task, until that task ends.</summary>
    public bool Delivered { get; set; }

    public long AcceptedEventId { get; set; }

    public Outcome? Outcome { get; private set; }

    /// <summary>Set when the workflow closed before the update completed.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>An update as loaded from a store (nobody waits on it yet; a worker has not got it).</summary>
    public static UpdateState Restore(
        string updateId, Request request, UpdateWorkflowExecutionLifecycleStage stage, long acceptedEventId, Outcome? outcome, string? abortReason) =>
        new(updateId, request) { Stage = stage, AcceptedEventId = acceptedEventId, Outcome = outcome, AbortReason = abortReason };

    public bool HasReached(UpdateWorkflowExecutionLifecycleStage stage) => Stage >= stage || AbortReason is not null;

    public void MarkAccepted(long acceptedEventId)
    {
        AcceptedEventId = acceptedEventId;
        MoveTo(UpdateWorkflowExecutionLifecycleStage.Accepted);
    }

    public void MarkCompleted(Outcome outcome)
    {
        Outcome = outcome;
        MoveTo(UpdateWorkflowExecutionLifecycleStage.Completed);
    }

    public void Abort(string reason)
    {
        AbortReason = reason;
        MoveTo(Stage);
    }

    /// <summary>A task that completes when the update reaches <paramref name="stage"/> (caller holds the engine lock).</summary>
    public Task WaitForStage(UpdateWorkflowExecutionLifecycleStage stage)
    {
        if (HasReached(stage))
        {
            return Task.CompletedTask;
        }

        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((stage, signal));
        return signal.Task;
    }

    private void MoveTo(UpdateWorkflowExecutionLifecycleStage stage)
    {
        Stage = stage;
        foreach (var waiter in _waiters.Where(w => HasReached(w.Stage)).ToList())
        {
            waiter.Signal.TrySetResult();
            _waiters.Remove(waiter);
        }
    }
}

using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.Bench.Chaos;

/// <summary>What a worker held in the engine at one moment: the sagas looked at, and the tasks started and not answered.</summary>
public sealed record HeldTasks(int Sagas, int Activities, int WorkflowTasks);

/// <summary>
/// Looks into the engine at the sagas in flight to see what a worker process holds (activity and workflow tasks
/// started and not answered) and whether a new worker took any task yet. A worker is known by its identity, which
/// starts with its process id (<see cref="LocalStack.SagaWorkerProcess.IdentityPrefix"/>).
/// </summary>
public sealed class WorkerTaskProbe(ITemporalClient client, ChaosTally tally)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Activity tasks started by this worker and workflow tasks started (only one worker runs, so by it) in the sagas
    /// in flight. After the worker was killed, these are exactly what the kill left half-done.
    /// </summary>
    public async Task<HeldTasks> HeldByAsync(string identityPrefix, CancellationToken cancellationToken)
    {
        var sagas = await Task.WhenAll(tally.SagasInFlight.Select(id => DescribeAsync(id, cancellationToken)));
        var described = sagas.OfType<DescribeWorkflowExecutionResponse>().ToList();
        return new HeldTasks(
            described.Count,
            described.Sum(s => ActivitiesHeld(s, identityPrefix)),
            described.Count(WorkflowTaskStarted));
    }

    /// <summary>
    /// Whether the worker holds an activity task and a workflow task at once. Answers as soon as the sagas described
    /// so far show both: a workflow task is held for milliseconds, so every one counts.
    /// </summary>
    public async Task<bool> HoldsActivityAndWorkflowTaskAsync(string identityPrefix, CancellationToken cancellationToken)
    {
        var pending = tally.SagasInFlight.Select(id => DescribeAsync(id, cancellationToken)).ToList();
        var activities = 0;
        var workflowTasks = 0;
        while (pending.Count > 0)
        {
            var answered = await Task.WhenAny(pending);
            pending.Remove(answered);
            if (await answered is { } saga)
            {
                activities += ActivitiesHeld(saga, identityPrefix);
                workflowTasks += WorkflowTaskStarted(saga) ? 1 : 0;
                if (activities > 0 && workflowTasks > 0)
                {
                    return true; // The other answers are not waited for (each call ends on its own).
                }
            }
        }

        return false;
    }

    /// <summary>Whether any saga in flight records a workflow or activity task started by this worker: it polls.</summary>
    public async Task<bool> HasTakenTaskAsync(string identityPrefix, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(tally.SagasInFlight.Select(id => TookTaskAsync(id, identityPrefix, cancellationToken)));
        return found.Any(took => took);
    }

    private async Task<bool> TookTaskAsync(string workflowId, string identityPrefix, CancellationToken cancellationToken)
    {
        try
        {
            var history = await client.GetWorkflowHandle(workflowId).FetchHistoryAsync(
                new WorkflowHistoryEventFetchOptions { Rpc = Rpc(cancellationToken) });
            return history.Events.Any(e =>
                (e.EventType == EventType.WorkflowTaskStarted && e.WorkflowTaskStartedEventAttributes.Identity.StartsWith(identityPrefix, StringComparison.Ordinal))
                || (e.EventType == EventType.ActivityTaskStarted && e.ActivityTaskStartedEventAttributes.Identity.StartsWith(identityPrefix, StringComparison.Ordinal)));
        }
        catch (RpcException)
        {
            return false; // Gone from the engine's view for a moment (restarting) or never placed: not evidence either way.
        }
    }

    private static int ActivitiesHeld(DescribeWorkflowExecutionResponse saga, string identityPrefix) =>
        saga.PendingActivities.Count(a =>
            a.State == PendingActivityState.Started && a.LastWorkerIdentity.StartsWith(identityPrefix, StringComparison.Ordinal));

    private static bool WorkflowTaskStarted(DescribeWorkflowExecutionResponse saga) =>
        saga.PendingWorkflowTask?.State == PendingWorkflowTaskState.Started;

    private async Task<DescribeWorkflowExecutionResponse?> DescribeAsync(string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.WorkflowService.DescribeWorkflowExecutionAsync(
                new DescribeWorkflowExecutionRequest
                {
                    Namespace = client.Options.Namespace,
                    Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = workflowId },
                },
                Rpc(cancellationToken));
        }
        catch (RpcException)
        {
            return null;
        }
    }

    private static RpcOptions Rpc(CancellationToken cancellationToken) => new() { Timeout = CallTimeout, CancellationToken = cancellationToken };
}

using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// Workflow updates over the message protocol: the request rides a workflow task as a protocol message, the worker
/// answers with acceptance or rejection and later the response. Callers wait for the stage they asked for, up to
/// their deadline, then get the stage reached so far (the SDK polls on with PollWorkflowExecutionUpdate).
/// </summary>
internal sealed partial class WorkflowEngine
{
    public async Task<UpdateWorkflowExecutionResponse> UpdateWorkflowExecutionAsync(
        UpdateWorkflowExecutionRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        WorkflowRun run;
        UpdateState update;
        Task reached;
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var updateId = request.Request?.Meta?.UpdateId;
            RpcErrors.Require(!string.IsNullOrEmpty(updateId), "Update id is not set on request.");
            RpcErrors.Require(!string.IsNullOrEmpty(request.Request!.Input?.Name), "Update name is not set on request.");
            run = FindRun(request.Namespace, request.WorkflowExecution?.WorkflowId, request.WorkflowExecution?.RunId);
            if (!run.Updates.TryGetValue(updateId!, out update!))
            {
                if (!run.IsOpen)
                {
                    throw RpcErrors.WorkflowCompleted();
                }

                update = new UpdateState(updateId!, request.Request);
                run.Updates[updateId!] = update;
                Touch(run);
                if (run.WorkflowTask.Phase == WorkflowTaskPhase.None)
                {
                    ScheduleWorkflowTask(run);
                }
            }

            reached = update.WaitForStage(WantedStage(request.WaitPolicy));
        }

        await WaitAsync(reached, budget, cancellation);
        using (EnterGate())
        {
            return new UpdateWorkflowExecutionResponse
            {
                UpdateRef = new UpdateRef { WorkflowExecution = run.Execution, UpdateId = update.UpdateId },
                Stage = CurrentStage(update),
                Outcome = update.Outcome,
            };
        }
    }

    public async Task<PollWorkflowExecutionUpdateResponse> PollWorkflowExecutionUpdateAsync(
        PollWorkflowExecutionUpdateRequest request, TimeSpan budget, CancellationToken cancellation)
    {
        UpdateState update;
        Task reached;
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var updateRef = request.UpdateRef;
            RpcErrors.Require(!string.IsNullOrEmpty(updateRef?.UpdateId), "Update id is not set on request.");
            var run = FindRun(request.Namespace, updateRef!.WorkflowExecution?.WorkflowId, updateRef.WorkflowExecution?.RunId);
            if (!run.Updates.TryGetValue(updateRef.UpdateId, out update!))
            {
                throw RpcErrors.NotFound($"update {updateRef.UpdateId} not found");
            }

            reached = update.WaitForStage(WantedStage(request.WaitPolicy));
        }

        await WaitAsync(reached, budget, cancellation);
        using (EnterGate())
        {
            return new PollWorkflowExecutionUpdateResponse
            {
                UpdateRef = request.UpdateRef,
                Stage = CurrentStage(update),
                Outcome = update.Outcome,
            };
        }
    }

    private static UpdateWorkflowExecutionLifecycleStage WantedStage(WaitPolicy? policy) =>
        policy?.LifecycleStage is { } stage && stage != UpdateWorkflowExecutionLifecycleStage.Unspecified
            ? stage
            : UpdateWorkflowExecutionLifecycleStage.Accepted;

    /// <summary>The stage to report; an update cut short by the workflow closing is reported as not found.</summary>
    private static UpdateWorkflowExecutionLifecycleStage CurrentStage(UpdateState update) =>
        update.AbortReason is { } reason ? throw RpcErrors.NotFound(reason) : update.Stage;
}

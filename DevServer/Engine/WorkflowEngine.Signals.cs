using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>Signals, cancellation requests and termination from clients.</summary>
internal sealed partial class WorkflowEngine
{
    public SignalWorkflowExecutionResponse SignalWorkflowExecution(SignalWorkflowExecutionRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            RpcErrors.Require(request.SignalName.Length > 0, "SignalName is not set on request.");
            var run = FindOpenRun(request.Namespace, request.WorkflowExecution?.WorkflowId, request.WorkflowExecution?.RunId);
            if (request.RequestId.Length > 0 && !run.SeenRequestIds.Add(request.RequestId))
            {
                return new SignalWorkflowExecutionResponse();
            }

            AddWorkflowInput(run, BufferedInput.Of(new HistoryEvent
            {
                EventType = EventType.WorkflowExecutionSignaled,
                WorkflowExecutionSignaledEventAttributes = new()
                {
                    SignalName = request.SignalName,
                    Input = request.Input,
                    Identity = request.Identity,
                    Header = request.Header,
                },
            }));
            return new SignalWorkflowExecutionResponse();
        }
    }

    public RequestCancelWorkflowExecutionResponse RequestCancelWorkflowExecution(RequestCancelWorkflowExecutionRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var run = FindOpenRun(request.Namespace, request.WorkflowExecution?.WorkflowId, request.WorkflowExecution?.RunId);
            var duplicate = request.RequestId.Length > 0 && !run.SeenRequestIds.Add(request.RequestId);
            if (duplicate || run.CancelRequested)
            {
                return new RequestCancelWorkflowExecutionResponse();
            }

            run.CancelRequested = true;
            AddWorkflowInput(run, BufferedInput.Of(new HistoryEvent
            {
                EventType = EventType.WorkflowExecutionCancelRequested,
                WorkflowExecutionCancelRequestedEventAttributes = new() { Cause = request.Reason, Identity = request.Identity },
            }));
            return new RequestCancelWorkflowExecutionResponse();
        }
    }

    public TerminateWorkflowExecutionResponse TerminateWorkflowExecution(TerminateWorkflowExecutionRequest request)
    {
        using (EnterGate())
        {
            _namespaces.Get(request.Namespace);
            var run = FindOpenRun(request.Namespace, request.WorkflowExecution?.WorkflowId, request.WorkflowExecution?.RunId);
            TerminateRun(run, request.Reason, request.Details, request.Identity);
            return new TerminateWorkflowExecutionResponse();
        }
    }

    private void TerminateRun(WorkflowRun run, string reason, Payloads? details, string identity)
    {
        PrepareForcedClose(run);
        run.AddEvent(EventType.WorkflowExecutionTerminated, Now).WorkflowExecutionTerminatedEventAttributes = new()
        {
            Reason = reason,
            Details = details,
            Identity = identity,
        };
        CloseRun(run, WorkflowExecutionStatus.Terminated);
    }
}

using FoodDelivery.DevServer.Engine;
using Google.Protobuf;
using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Hosting;

/// <summary>
/// The single gRPC endpoint: routes each WorkflowService method by name to the engine. Methods without a route
/// answer UNIMPLEMENTED, so a client learns at once what the DevServer does not do.
/// </summary>
internal sealed class WorkflowServiceEndpoint
{
    private delegate Task<IMessage> Handler(IMessage request, ServerCallContext context);

    private readonly Dictionary<string, Handler> _routes = new(StringComparer.Ordinal);

    public WorkflowServiceEndpoint(WorkflowEngine engine)
    {
        Route<GetSystemInfoRequest>("GetSystemInfo", _ => WorkflowEngine.GetSystemInfo());
        Route<RegisterNamespaceRequest>("RegisterNamespace", engine.RegisterNamespace);
        Route<DescribeNamespaceRequest>("DescribeNamespace", engine.DescribeNamespace);
        Route<ListNamespacesRequest>("ListNamespaces", _ => engine.ListNamespaces());
        Route<StartWorkflowExecutionRequest>("StartWorkflowExecution", engine.StartWorkflowExecution);
        Route<SignalWithStartWorkflowExecutionRequest>("SignalWithStartWorkflowExecution", engine.SignalWithStartWorkflowExecution);
        Route<SignalWorkflowExecutionRequest>("SignalWorkflowExecution", engine.SignalWorkflowExecution);
        Route<RequestCancelWorkflowExecutionRequest>("RequestCancelWorkflowExecution", engine.RequestCancelWorkflowExecution);
        Route<TerminateWorkflowExecutionRequest>("TerminateWorkflowExecution", engine.TerminateWorkflowExecution);
        Route<DescribeWorkflowExecutionRequest>("DescribeWorkflowExecution", engine.DescribeWorkflowExecution);
        Route<GetWorkflowExecutionHistoryReverseRequest>("GetWorkflowExecutionHistoryReverse", engine.GetWorkflowExecutionHistoryReverse);
        Route<ListWorkflowExecutionsRequest>("ListWorkflowExecutions", engine.ListWorkflowExecutions);
        Route<CountWorkflowExecutionsRequest>("CountWorkflowExecutions", engine.CountWorkflowExecutions);
        Route<RespondWorkflowTaskCompletedRequest>("RespondWorkflowTaskCompleted", engine.RespondWorkflowTaskCompleted);
        Route<RespondWorkflowTaskFailedRequest>("RespondWorkflowTaskFailed", engine.RespondWorkflowTaskFailed);
        Route<RespondQueryTaskCompletedRequest>("RespondQueryTaskCompleted", engine.RespondQueryTaskCompleted);
        Route<RespondActivityTaskCompletedRequest>("RespondActivityTaskCompleted", engine.RespondActivityTaskCompleted);
        Route<RespondActivityTaskCompletedByIdRequest>("RespondActivityTaskCompletedById", engine.RespondActivityTaskCompletedById);
        Route<RespondActivityTaskFailedRequest>("RespondActivityTaskFailed", engine.RespondActivityTaskFailed);
        Route<RespondActivityTaskFailedByIdRequest>("RespondActivityTaskFailedById", engine.RespondActivityTaskFailedById);
        Route<RespondActivityTaskCanceledRequest>("RespondActivityTaskCanceled", engine.RespondActivityTaskCanceled);
        Route<RespondActivityTaskCanceledByIdRequest>("RespondActivityTaskCanceledById", engine.RespondActivityTaskCanceledById);
        Route<RecordActivityTaskHeartbeatRequest>("RecordActivityTaskHeartbeat", engine.RecordActivityTaskHeartbeat);
        Route<RecordActivityTaskHeartbeatByIdRequest>("RecordActivityTaskHeartbeatById", engine.RecordActivityTaskHeartbeatById);
        Route<ShutdownWorkerRequest>("ShutdownWorker", engine.ShutdownWorker);

        // Long polls: they wait up to the call's deadline (less a margin) and answer empty when nothing came.
        RouteLongPoll<PollWorkflowTaskQueueRequest, PollWorkflowTaskQueueResponse>("PollWorkflowTaskQueue", engine.PollWorkflowTaskQueueAsync);
        RouteLongPoll<PollActivityTaskQueueRequest, PollActivityTaskQueueResponse>("PollActivityTaskQueue", engine.PollActivityTaskQueueAsync);
        RouteLongPoll<GetWorkflowExecutionHistoryRequest, GetWorkflowExecutionHistoryResponse>("GetWorkflowExecutionHistory", engine.GetWorkflowExecutionHistoryAsync);
        RouteLongPoll<QueryWorkflowRequest, QueryWorkflowResponse>("QueryWorkflow", engine.QueryWorkflowAsync);
        RouteLongPoll<UpdateWorkflowExecutionRequest, UpdateWorkflowExecutionResponse>("UpdateWorkflowExecution", engine.UpdateWorkflowExecutionAsync);
        RouteLongPoll<PollWorkflowExecutionUpdateRequest, PollWorkflowExecutionUpdateResponse>("PollWorkflowExecutionUpdate", engine.PollWorkflowExecutionUpdateAsync);

        var known = WorkflowServiceMethodProvider.Service.Methods.Select(m => m.Name).ToHashSet();
        var unknown = _routes.Keys.Where(name => !known.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Routes for methods WorkflowService does not have: {string.Join(", ", unknown)}");
        }
    }

    public Task<IMessage> HandleAsync(string method, IMessage request, ServerCallContext context) =>
        _routes.TryGetValue(method, out var handler)
            ? handler(request, context)
            : throw RpcErrors.Unimplemented($"{method} is not implemented by DevServer.");

    private void Route<TRequest>(string method, Func<TRequest, IMessage> handle)
        where TRequest : IMessage =>
        _routes[method] = (request, _) => Task.FromResult(handle((TRequest)request));

    private void RouteLongPoll<TRequest, TResponse>(string method, Func<TRequest, TimeSpan, CancellationToken, Task<TResponse>> handle)
        where TRequest : IMessage
        where TResponse : IMessage =>
        _routes[method] = async (request, context) =>
            await handle((TRequest)request, WorkflowEngine.LongPollBudget(context.Deadline), context.CancellationToken);
}

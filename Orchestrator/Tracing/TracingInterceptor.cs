using Temporalio.Client.Interceptors;
using Temporalio.Worker.Interceptors;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// OpenTelemetry tracing for Temporal, written here because Temporalio.Extensions.OpenTelemetry is not available to
/// us. Set it on the client options: every client call is traced, and a worker built on that client traces its
/// workflows and activities too. Compatible with Temporal's own interceptors (header <c>_tracer-data</c>).
/// </summary>
public sealed class TracingInterceptor : IClientInterceptor, IWorkerInterceptor
{
    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) =>
        new ClientTracingInterceptor(nextInterceptor);

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new WorkflowInboundTracingInterceptor(nextInterceptor);

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) =>
        new ActivityTracingInterceptor(nextInterceptor);
}

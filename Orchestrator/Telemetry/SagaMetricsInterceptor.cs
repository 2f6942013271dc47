using Temporalio.Worker.Interceptors;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>
/// Records <see cref="SagaMetrics"/> from the worker, watching the saga from the outside: its start and result, the
/// activities it schedules and their results. Why here: the workflow is the only place that knows the outcome and
/// the reason, and an interceptor sees it without a line of metrics code in the saga. Counters are recorded only
/// when the workflow is not replaying, so a worker restart or a cache eviction counts nothing twice. (Activities
/// would count retries and know no outcome; Workflow.MetricMeter is replay-safe too but lands in Temporal's runtime
/// meter, outside our OpenTelemetry pipeline, and has no up-down counter.)
/// </summary>
public sealed class SagaMetricsInterceptor : IWorkerInterceptor
{
    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new SagaMetricsWorkflowInbound(nextInterceptor);
}

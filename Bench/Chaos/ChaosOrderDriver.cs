using System.Diagnostics;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace FoodDelivery.Bench.Chaos;

/// <summary>
/// One order as a customer places it while things break: PlaceOrder retried with the same request (the Order API is
/// idempotent by client request id) while the Order service is down or slow, then the saga's result awaited across
/// DevServer restarts and worker kills. A saga parked in NEEDS_ATTENTION ends the wait with its reason. Once the order
/// ended, its history says how many activity attempts were retries.
/// </summary>
public sealed class ChaosOrderDriver(
    OrderingApi.OrderingApiClient ordering,
    FulfillmentSimulator simulator,
    ITemporalClient client,
    OrderFactory orders,
    ChaosTally tally) : IOrderDriver
{
    private static readonly TimeSpan PlaceOrderDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ResultLongPoll = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan EngineCallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Pause before a call is repeated (a retry backoff, not a wait for some state).</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    public string Name => "chaos";

    public async Task<OrderOutcome> RunAsync(long n, Scenario scenario, long startedAt, CancellationToken cancellationToken)
    {
        var request = orders.Create(Name, n, scenario);
        var orderId = OrderFactory.OrderIdOf(request);
        var workflowId = WireNames.WorkflowIdFor(orderId);
        tally.OrderStarted(workflowId);
        try
        {
            simulator.Follow(orderId);
            await PlaceAsync(request, cancellationToken);
            var saga = client.GetWorkflowHandle<OrderSagaWorkflow>(workflowId);
            var (state, reason) = await AwaitEndAsync(saga, cancellationToken);
            var ended = Stopwatch.GetElapsedTime(startedAt);
            await CountRetriesAsync(saga, cancellationToken);
            return new OrderOutcome(orderId, scenario, state, reason, ToConfirmed: null, ended, Error: null);
        }
        finally
        {
            tally.OrderEnded(workflowId);
        }
    }

    private async Task PlaceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await ordering.PlaceOrderAsync(request, deadline: DateTime.UtcNow + PlaceOrderDeadline, cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException ex) when (IsTransient(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
            {
                tally.PlaceOrderRetried();
                await Task.Delay(RetryPause, cancellationToken);
            }
        }
    }

    /// <summary>The saga's end, or NEEDS_ATTENTION and its reason; only the order deadline (cancellation) stops the wait.</summary>
    private async Task<(SagaState State, string? Reason)> AwaitEndAsync(
        WorkflowHandle<OrderSagaWorkflow> saga, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var result = await saga.GetResultAsync<OrderSagaResult>(
                    rpcOptions: new RpcOptions { Timeout = ResultLongPoll, CancellationToken = cancellationToken });
                foreach (var step in result.CompensationsRun)
                {
                    tally.CompensationRun(step);
                }

                return (result.FinalState, result.Reason);
            }
            catch (Exception ex) when (IsEngineHiccup(ex) && !cancellationToken.IsCancellationRequested)
            {
                // The long poll ran out, or the engine is restarting: is the saga parked for an operator?
            }

            if (await StatusAsync(saga, cancellationToken) is { State: SagaState.NeedsAttention } parked)
            {
                return (SagaState.NeedsAttention, parked.LastError ?? parked.OutcomeReason ?? "no reason recorded");
            }
        }
    }

    /// <summary>The saga's status query, or null while no worker or engine answers.</summary>
    private async Task<OrderSagaStatus?> StatusAsync(WorkflowHandle<OrderSagaWorkflow> saga, CancellationToken cancellationToken)
    {
        try
        {
            return await saga.QueryAsync(
                wf => wf.GetStatus(),
                new WorkflowQueryOptions { Rpc = new RpcOptions { Timeout = EngineCallTimeout, CancellationToken = cancellationToken } });
        }
        catch (Exception ex) when (ex is Temporalio.Exceptions.WorkflowQueryFailedException || (IsEngineHiccup(ex) && !cancellationToken.IsCancellationRequested))
        {
            tally.EngineCallRetried();
            await Task.Delay(RetryPause, cancellationToken);
            return null;
        }
    }

    /// <summary>Activity attempts beyond the first: the engine writes the last attempt's number on ActivityTaskStarted.</summary>
    private async Task CountRetriesAsync(WorkflowHandle<OrderSagaWorkflow> saga, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var history = await saga.FetchHistoryAsync(
                    new WorkflowHistoryEventFetchOptions { Rpc = new RpcOptions { Timeout = EngineCallTimeout, CancellationToken = cancellationToken } });
                var activityTypes = history.Events
                    .Where(e => e.EventType == EventType.ActivityTaskScheduled)
                    .ToDictionary(e => e.EventId, e => e.ActivityTaskScheduledEventAttributes.ActivityType.Name);
                foreach (var started in history.Events.Where(e => e.EventType == EventType.ActivityTaskStarted))
                {
                    var attributes = started.ActivityTaskStartedEventAttributes;
                    if (attributes.Attempt > 1)
                    {
                        tally.ActivityRetried(activityTypes.GetValueOrDefault(attributes.ScheduledEventId, "unknown"), attributes.Attempt - 1);
                    }
                }

                return;
            }
            catch (Exception ex) when (IsEngineHiccup(ex) && !cancellationToken.IsCancellationRequested)
            {
                tally.EngineCallRetried();
                await Task.Delay(RetryPause, cancellationToken);
            }
        }
    }

    private static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled;

    /// <summary>What a call to an engine that is restarting, or a long poll that ran out, throws.</summary>
    private static bool IsEngineHiccup(Exception ex) =>
        ex is Temporalio.Exceptions.RpcException or OperationCanceledException or TimeoutException;
}

using System.Diagnostics;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Activities;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Converters;

namespace FoodDelivery.Bench;

/// <summary>When a followed saga confirmed its order and how it ended, as this process saw it.</summary>
/// <param name="ConfirmedAt">Stopwatch timestamp when the order record became CONFIRMED; null if it never did.</param>
/// <param name="EndedAt">Stopwatch timestamp when the saga's end reached us.</param>
public sealed record SagaEnd(long? ConfirmedAt, long EndedAt, SagaState FinalState, string? Reason);

/// <summary>
/// Follows one saga through its history with the engine's long poll (GetWorkflowExecutionHistory, wait_new_event):
/// the engine answers each time events are added, so there is no polling interval and no workflow query. CONFIRMED is
/// the completion of the TransitionOrder activity whose key is "{orderId}:confirm-order" (the moment the order record
/// says CONFIRMED); the end is the workflow's completion event, with the saga's result.
/// <para>
/// Chosen over the Order API's WatchOrder stream, which runs a workflow query and a database read per history change:
/// that would double the per-order work the simulator already causes and measure the watcher, not the saga.
/// </para>
/// </summary>
public sealed class SagaHistoryFollower(ITemporalClient client)
{
    private static readonly TimeSpan LongPollTimeout = TimeSpan.FromSeconds(70);
    private const string TransitionOrderActivity = "TransitionOrder";

    // The client's full converter, codec included: the history holds payloads as stored (encrypted).
    private readonly DataConverter _payloads = client.Options.DataConverter;

    public async Task<SagaEnd> FollowAsync(string orderId, CancellationToken cancellationToken)
    {
        var confirmKey = WireNames.IdempotencyKey(orderId, SagaSteps.ConfirmOrder);
        long? confirmScheduledEventId = null;
        long? confirmedAt = null;
        var request = new GetWorkflowExecutionHistoryRequest
        {
            Namespace = client.Options.Namespace,
            Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = WireNames.WorkflowIdFor(orderId) },
            WaitNewEvent = true,
        };
        var rpc = new RpcOptions { CancellationToken = cancellationToken, Timeout = LongPollTimeout };
        while (true)
        {
            var page = await client.Connection.WorkflowService.GetWorkflowExecutionHistoryAsync(request, rpc);
            var receivedAt = Stopwatch.GetTimestamp();
            foreach (var e in page.History?.Events ?? [])
            {
                switch (e.EventType)
                {
                    case EventType.ActivityTaskScheduled when await IsConfirmationAsync(e.ActivityTaskScheduledEventAttributes, confirmKey):
                        confirmScheduledEventId = e.EventId;
                        break;
                    case EventType.ActivityTaskCompleted
                        when e.ActivityTaskCompletedEventAttributes.ScheduledEventId == confirmScheduledEventId:
                        confirmedAt = receivedAt;
                        break;
                    case EventType.WorkflowExecutionCompleted:
                        var result = await _payloads.ToValueAsync<OrderSagaResult>(e.WorkflowExecutionCompletedEventAttributes.Result.Payloads_[0]);
                        return new SagaEnd(confirmedAt, receivedAt, result.FinalState, result.Reason);
                    case EventType.WorkflowExecutionFailed or EventType.WorkflowExecutionTerminated or EventType.WorkflowExecutionTimedOut
                        or EventType.WorkflowExecutionCanceled or EventType.WorkflowExecutionContinuedAsNew:
                        throw new InvalidOperationException($"saga of order {orderId} ended abnormally: {e.EventType}");
                }
            }

            // An empty token on an open workflow would mean "start over"; the engine keeps one until the close event.
            request.NextPageToken = page.NextPageToken.IsEmpty ? request.NextPageToken : page.NextPageToken;
        }
    }

    private async Task<bool> IsConfirmationAsync(ActivityTaskScheduledEventAttributes scheduled, string confirmKey)
    {
        if (scheduled.ActivityType.Name != TransitionOrderActivity || scheduled.Input.Payloads_.Count == 0)
        {
            return false;
        }

        var input = await _payloads.ToValueAsync<TransitionOrderInput>(scheduled.Input.Payloads_[0]);
        return input.IdempotencyKey == confirmKey && input.To == OrderStatus.Confirmed;
    }
}


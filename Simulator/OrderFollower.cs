using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Temporalio.Client;

namespace FoodDelivery.Simulator;

/// <summary>How following one order ended.</summary>
internal enum FollowOutcome
{
    /// <summary>The saga ended (delivered, rejected, cancelled).</summary>
    Ended,

    /// <summary>The planned stall happened: the simulator stays silent and leaves the deadline to the saga.</summary>
    Stalled,

    /// <summary>The Order service never knew the order within <see cref="SimulatorOptions.UnknownOrderTimeout"/>.</summary>
    Unknown,
}

/// <summary>What every <see cref="OrderFollower"/> shares.</summary>
internal sealed record FollowerContext(
    SimulatorOptions Options,
    OrderingApi.OrderingApiClient Ordering,
    FulfillmentApi.FulfillmentApiClient Fulfillment,
    ITemporalClient Temporal,
    BehaviourPlanner Planner,
    SimulatorTally Tally,
    ILogger Logger);

/// <summary>
/// Plays the restaurant and the courier for one order: watches the order through the Order API and reports, through
/// the public FulfillmentApi, what a tablet or courier app would report at each waiting state. Acts at most once
/// per state; a report that arrives too late is an expected race.
/// </summary>
internal sealed class OrderFollower(string orderId, FollowerContext context)
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private readonly HashSet<SagaState> _handled = [];
    private readonly RetryBackoff _backoff = new();
    private string? _courierId;

    public async Task<FollowOutcome> RunAsync(CancellationToken cancellationToken)
    {
        DateTime? unknownSince = null;
        while (true)
        {
            try
            {
                using var watch = context.Ordering.WatchOrder(
                    new WatchOrderRequest { OrderId = orderId }, cancellationToken: cancellationToken);
                await foreach (var view in watch.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    unknownSince = null;
                    _backoff.Reset();
                    if (await ReactAsync(view, cancellationToken) is { } outcome)
                    {
                        return outcome;
                    }
                }

                // The stream ended without the saga ending (the service restarted): watch again.
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                // Followed before its saga started (or before the engine lists it): ask again, for a while.
                unknownSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - unknownSince > context.Options.UnknownOrderTimeout)
                {
                    context.Logger.LogWarning("Simulator: order {OrderId} is unknown to the Order service; not following it", orderId);
                    return FollowOutcome.Unknown;
                }
            }
            catch (RpcException ex) when (RpcFailures.IsTransient(ex))
            {
                LogUnreachable("watch the order", ex, _backoff);
            }

            await Task.Delay(_backoff.Next(), cancellationToken);
        }
    }

    /// <summary>Acts on one view of the order; returns an outcome when following it is over.</summary>
    private async Task<FollowOutcome?> ReactAsync(OrderView view, CancellationToken cancellationToken)
    {
        if (view.Saga is null || view.Saga.Finished)
        {
            // Ended, or no longer known to the engine: nothing left to report.
            return FollowOutcome.Ended;
        }

        if (view.Order is null || !Enum.TryParse<SagaState>(view.Saga.State, out var state) || !_handled.Add(state))
        {
            return null;
        }

        if (view.Saga.CourierId.Length > 0)
        {
            _courierId = view.Saga.CourierId;
        }

        var plan = context.Planner.Resolve(orderId, view.Order.CustomerId, view.Order.RestaurantId);
        var options = context.Options;
        switch (state)
        {
            case SagaState.AwaitingRestaurant when plan.Behaviour == SimulatedBehaviour.StallAtRestaurant:
            case SagaState.Confirmed when plan.Behaviour == SimulatedBehaviour.StallPickup:
            case SagaState.PickedUp when plan.Behaviour == SimulatedBehaviour.StallDelivery:
                context.Tally.Stalled();
                context.Logger.LogInformation("Simulator: order {OrderId} stalls at {State} ({Behaviour})", orderId, state, plan.Behaviour);
                return FollowOutcome.Stalled;

            case SagaState.AwaitingRestaurant when plan.Behaviour == SimulatedBehaviour.RejectAtRestaurant:
                var rejection = new RejectTicketRequest { OrderId = orderId, RestaurantId = view.Order.RestaurantId, Reason = plan.RejectionReason };
                await ReportAsync(
                    "reject the ticket", options.AcceptDelay, context.Tally.Rejected,
                    deadline => context.Fulfillment.RejectTicketAsync(rejection, deadline: deadline, cancellationToken: cancellationToken),
                    cancellationToken);
                return null;

            case SagaState.AwaitingRestaurant:
                var acceptance = new AcceptTicketRequest { OrderId = orderId, RestaurantId = view.Order.RestaurantId };
                await ReportAsync(
                    "accept the ticket", options.AcceptDelay, context.Tally.Accepted,
                    deadline => context.Fulfillment.AcceptTicketAsync(acceptance, deadline: deadline, cancellationToken: cancellationToken),
                    cancellationToken);
                return null;

            case SagaState.Confirmed:
                var pickup = new CourierReportRequest { OrderId = orderId, CourierId = await CourierIdAsync(cancellationToken) };
                await ReportAsync(
                    "confirm the pickup", options.PickupDelay, context.Tally.PickedUp,
                    deadline => context.Fulfillment.ConfirmPickupAsync(pickup, deadline: deadline, cancellationToken: cancellationToken),
                    cancellationToken);
                return null;

            case SagaState.PickedUp:
                var delivery = new CourierReportRequest { OrderId = orderId, CourierId = await CourierIdAsync(cancellationToken) };
                await ReportAsync(
                    "confirm the delivery", options.DeliveryDelay, context.Tally.Delivered,
                    deadline => context.Fulfillment.ConfirmDeliveredAsync(delivery, deadline: deadline, cancellationToken: cancellationToken),
                    cancellationToken);
                return null;

            default:
                return null;
        }
    }

    /// <summary>Waits like a human would, then reports; retries while the service is unreachable.</summary>
    private async Task ReportAsync(
        string action,
        TimeSpan humanDelay,
        Action counted,
        Func<DateTime, AsyncUnaryCall<FulfillmentResponse>> report,
        CancellationToken cancellationToken)
    {
        if (humanDelay > TimeSpan.Zero)
        {
            await Task.Delay(humanDelay, cancellationToken);
        }

        var backoff = new RetryBackoff();
        while (true)
        {
            try
            {
                await report(DateTime.UtcNow + CallDeadline);
                counted();
                return;
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException ex) when (RpcFailures.IsStale(ex))
            {
                context.Logger.LogDebug("Simulator: too late to {Action} for order {OrderId}: {Detail}", action, orderId, ex.Status.Detail);
                return;
            }
            catch (RpcException ex) when (RpcFailures.IsTransient(ex))
            {
                LogUnreachable(action, ex, backoff);
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }
    }

    /// <summary>
    /// The assigned courier: the order's view carries it; a saga status query is the fallback for an Order service
    /// that does not fill it in yet.
    /// </summary>
    private async Task<string> CourierIdAsync(CancellationToken cancellationToken)
    {
        var backoff = new RetryBackoff();
        while (_courierId is null)
        {
            try
            {
                var status = await context.Temporal
                    .GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId))
                    .QueryAsync(wf => wf.GetStatus(), new() { Rpc = new() { CancellationToken = cancellationToken } });
                _courierId = status.CourierId;
                if (_courierId is not null)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is Temporalio.Exceptions.RpcException or Temporalio.Exceptions.WorkflowQueryFailedException
                                       && !cancellationToken.IsCancellationRequested)
            {
                if (!backoff.Failing)
                {
                    context.Logger.LogWarning("Simulator: cannot ask order {OrderId}'s saga for its courier yet: {Error}", orderId, ex.Message);
                }
            }

            await Task.Delay(backoff.Next(), cancellationToken);
        }

        return _courierId;
    }

    private void LogUnreachable(string action, RpcException ex, RetryBackoff backoff)
    {
        if (!backoff.Failing)
        {
            context.Logger.LogWarning(
                "Simulator: cannot {Action} for order {OrderId} right now ({Code}: {Detail}); retrying",
                action, orderId, ex.StatusCode, ex.Status.Detail);
        }
    }
}

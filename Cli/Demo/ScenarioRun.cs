using System.Diagnostics;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using Grpc.Core;
using SagaState = FoodDelivery.Orchestrator.Saga.SagaState;

namespace FoodDelivery.Cli.Demo;

/// <summary>
/// One scenario's order, from placing it to its saga's end, through the public Order API only. The live table reads
/// <see cref="View"/> while the run goes on.
/// </summary>
public sealed class ScenarioRun
{
    /// <summary>How long one order may take before the demo calls it stuck (the slowest story takes a few seconds).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Stopwatch _clock = new();
    private volatile OrderView? _view;
    private volatile string? _error;

    public ScenarioRun(DemoScenario scenario, string runId)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        ClientRequestId = $"demo-{runId}-{scenario.Name.Replace(' ', '-')}";
        OrderId = WireNames.OrderIdFor(scenario.CustomerId, ClientRequestId);
    }

    public DemoScenario Scenario { get; }

    public string ClientRequestId { get; }

    /// <summary>Known before the order is placed (derived from customer and request id), so faults and plans can target it.</summary>
    public string OrderId { get; }

    public OrderView? View => _view;

    /// <summary>Why the run could not follow its order to the end (a refused call, the deadline); null when it could.</summary>
    public string? Error => _error;

    public TimeSpan Elapsed => _clock.Elapsed;

    public bool Ended => _error is not null || _view?.Saga is { Finished: true };

    public string State => _error is not null ? "error" : _view?.Saga?.State ?? "placing";

    public bool AsExpected => _error is null && State == Scenario.Expected.ToString();

    public async Task RunAsync(FoodDeliveryStack stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        _clock.Start();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            Scenario.Prepare(stack, OrderId);
            stack.Simulator!.Follow(OrderId);
            await stack.Ordering.PlaceOrderAsync(Scenario.ToRequest(ClientRequestId), cancellationToken: deadline.Token);
            await FollowAsync(stack, deadline.Token);
        }
        catch (RpcException error) when (!deadline.IsCancellationRequested)
        {
            _error = $"{RpcErrorReport.CodeName(error.StatusCode)}: {error.Status.Detail}";
        }
        catch (Exception error) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && error is OperationCanceledException or RpcException)
        {
            _error = $"did not end within {Deadline.TotalSeconds:0} s (last state {_view?.Saga?.State ?? "unknown"})";
        }
        finally
        {
            _clock.Stop();
        }
    }

    /// <summary>Follows the order's WatchOrder stream (one view per change) until the saga ends; cancels on the way when the story says so.</summary>
    private async Task FollowAsync(FoodDeliveryStack stack, CancellationToken cancellationToken)
    {
        var cancelled = false;
        using var watch = stack.Ordering.WatchOrder(new WatchOrderRequest { OrderId = OrderId }, cancellationToken: cancellationToken);
        while (await watch.ResponseStream.MoveNext(cancellationToken))
        {
            _view = watch.ResponseStream.Current;
            if (Scenario.CustomerCancels && !cancelled && _view.Saga?.State == nameof(SagaState.AwaitingRestaurant))
            {
                cancelled = true;
                await stack.Ordering.CancelOrderAsync(
                    new CancelOrderRequest { OrderId = OrderId, Reason = "the customer changed their mind (demo)" },
                    cancellationToken: cancellationToken);
            }
        }

        if (_view?.Saga is not { Finished: true })
        {
            _error = $"the watch ended before the saga did (last state {_view?.Saga?.State ?? "unknown"})";
        }
    }
}

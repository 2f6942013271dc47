using System.Collections.Concurrent;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Client;

namespace FoodDelivery.Simulator;

/// <summary>
/// Simulated restaurant tablets and courier apps. Finds open orders (by listing running sagas every
/// <see cref="SimulatorOptions.DiscoveryInterval"/>, or when told with <see cref="Follow"/>) and drives each one through
/// the Order service's public FulfillmentApi, as the humans would. It never writes a database or signals a workflow.
/// </summary>
public sealed class FulfillmentSimulator : BackgroundService
{
    private static readonly string WorkflowIdPrefix = WireNames.WorkflowIdFor(string.Empty);
    private static readonly string RunningSagas =
        $"WorkflowType = '{WireNames.OrderSagaWorkflowType}' AND ExecutionStatus = 'Running'";

    private readonly SimulatorOptions _options;
    private readonly ITemporalClient _temporal;
    private readonly GrpcChannel _orderChannel;
    private readonly ILogger _logger;
    private readonly BehaviourPlanner _planner;
    private readonly SimulatorTally _tally = new();
    private readonly FollowerContext _context;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();

    // Orders being followed (or waiting for a slot), and orders discovery must not pick again (ended, stalled,
    // unknown) while they are still listed as running.
    private readonly HashSet<string> _following = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _followers = new();
    private int _disposed;

    public FulfillmentSimulator(
        SimulatorOptions options,
        ITemporalClient temporal,
        Uri orderServiceAddress,
        ILogger<FulfillmentSimulator> logger,
        IHostEnvironment? environment = null,
        DevelopmentCallers? callers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(temporal);
        ArgumentNullException.ThrowIfNull(orderServiceAddress);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _temporal = temporal;
        _logger = logger;
        IsEnabled = options.Enabled ?? environment?.IsDevelopment() ?? false;
        OrderServiceAddress = orderServiceAddress;
        _orderChannel = GrpcChannel.ForAddress(orderServiceAddress, new GrpcChannelOptions
        {
            // After an outage the channel reconnects within seconds (the default backoff grows to two minutes).
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(5),
        });
        _planner = new BehaviourPlanner(options.Rules);
        _slots = new SemaphoreSlim(options.MaxConcurrentOrders, options.MaxConcurrentOrders);
        _context = new FollowerContext(
            options,
            // Each report carries the token of the restaurant or courier it speaks for; discovery's watches an operator's.
            new OrderingApi.OrderingApiClient(_orderChannel.WithDevelopmentTokens(callers ?? DevelopmentCallers.Default)),
            new FulfillmentApi.FulfillmentApiClient(_orderChannel.WithDevelopmentTokens(callers ?? DevelopmentCallers.Default)),
            temporal,
            _planner,
            _tally,
            logger);
    }

    /// <summary>False: Simulator:Enabled is false, or unset outside the Development environment. Then it does nothing.</summary>
    public bool IsEnabled { get; }

    public Uri OrderServiceAddress { get; }

    public SimulatorOptions Options => _options;

    public SimulatorCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return _tally.Snapshot(_following.Count);
            }
        }
    }

    /// <summary>
    /// Chooses how the simulator treats one order; wins over the configured rules. Call it before the order is placed
    /// (its id is <see cref="WireNames.OrderIdFor"/>) so discovery cannot act on it first.
    /// </summary>
    public void Plan(string orderId, SimulatedBehaviour behaviour, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        _planner.Plan(orderId, new BehaviourPlan(behaviour, reason));
    }

    /// <summary>
    /// Follows the order now instead of waiting for discovery (it may not exist yet). Waits for a free slot when
    /// <see cref="SimulatorOptions.MaxConcurrentOrders"/> orders are followed. False when disabled, stopping, or already followed.
    /// </summary>
    public bool Follow(string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        return IsEnabled && TryStartFollowing(orderId, fromDiscovery: false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            _logger.LogInformation("Simulator: disabled (set Simulator:Enabled=true to simulate restaurants and couriers)");
            return;
        }

        if (_options.DiscoveryInterval <= TimeSpan.Zero)
        {
            return;
        }

        var backoff = new RetryBackoff();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = _options.DiscoveryInterval;
            try
            {
                await DiscoverAsync(stoppingToken);
                backoff.Reset();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Temporal briefly unreachable (or not up yet): keep the simulator alive and look again later.
                if (!backoff.Failing)
                {
                    _logger.LogWarning("Simulator: cannot list running orders ({Error}); retrying", ex.Message);
                }

                wait = backoff.Next();
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopping.Cancel();
        }

        await base.StopAsync(cancellationToken);

        // Every follower ends promptly once cancelled; wait for them so nothing reports after the simulator stopped.
        await Task.WhenAll(_followers.Keys).WaitAsync(cancellationToken);
    }

    public override void Dispose()
    {
        // The container may dispose it twice (registered as itself and as a hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Disposed without a stop (a failed start, a test that threw): still no follower outlives the simulator.
        _stopping.Cancel();
        base.Dispose();
        _orderChannel.Dispose();
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var running = new List<string>();
        var listing = new WorkflowListOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } };
        await foreach (var execution in _temporal.ListWorkflowsAsync(RunningSagas, listing))
        {
            if (execution.Id.StartsWith(WorkflowIdPrefix, StringComparison.Ordinal))
            {
                running.Add(execution.Id[WorkflowIdPrefix.Length..]);
            }
        }

        lock (_gate)
        {
            // A handled order that no longer runs will not be listed again: forget it.
            _done.IntersectWith(running);
        }

        foreach (var orderId in running)
        {
            TryStartFollowing(orderId, fromDiscovery: true);
        }
    }

    private bool TryStartFollowing(string orderId, bool fromDiscovery)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _following.Contains(orderId) || (fromDiscovery && _done.Contains(orderId)))
            {
                return false;
            }

            // Discovery takes only free slots (the rest is found on a later round); Follow queues for one.
            if (fromDiscovery && !_slots.Wait(0))
            {
                return false;
            }

            _following.Add(orderId);
            var follower = Task.Run(() => FollowAsync(orderId, holdsSlot: fromDiscovery));
            _followers.TryAdd(follower, 0);
            follower.ContinueWith(ended => _followers.TryRemove(ended, out _), TaskScheduler.Default);
            return true;
        }
    }

    private async Task FollowAsync(string orderId, bool holdsSlot)
    {
        var token = _stopping.Token;
        FollowOutcome? outcome = null;
        try
        {
            if (!holdsSlot)
            {
                await _slots.WaitAsync(token);
                holdsSlot = true;
            }

            outcome = await new OrderFollower(orderId, _context).RunAsync(token);
            _logger.LogDebug("Simulator: order {OrderId} followed to the end ({Outcome})", orderId, outcome);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Simulator: gave up following order {OrderId}", orderId);
        }
        finally
        {
            if (holdsSlot)
            {
                _slots.Release();
            }

            lock (_gate)
            {
                _following.Remove(orderId);
                if (_options.DiscoveryInterval > TimeSpan.Zero)
                {
                    _done.Add(orderId);
                }
            }

            if (outcome == FollowOutcome.Ended)
            {
                _planner.Forget(orderId);
            }
        }
    }
}

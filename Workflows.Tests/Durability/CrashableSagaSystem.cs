using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.DevServer.Tests.Persistence;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.FaultInjection;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Workflow.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;

namespace FoodDelivery.Workflows.Tests.Durability;

/// <summary>
/// The whole system with the engine in a killable child process: the DevServer executable on a fixed port with its
/// state in a file, and in this process the four services on SQLite files and the real saga worker (LocalStack's
/// stack pointed at that engine). The engine can be killed (SIGKILL) and started again on the same file and port
/// while the services, the worker and the clients keep running and reconnect on their own.
/// </summary>
public sealed class CrashableSagaSystem : IAsyncDisposable
{
    private readonly string _folder;
    private bool _engineUp = true;

    private CrashableSagaSystem(string folder, EngineProcess engine, FoodDeliveryStack stack)
    {
        _folder = folder;
        Engine = engine;
        Stack = stack;
    }

    public EngineProcess Engine { get; }

    public FoodDeliveryStack Stack { get; }

    public string EngineFile => Engine.DbFileName;

    /// <summary>Starts the engine process, then the services and the worker on it, with these saga deadlines.</summary>
    public static async Task<CrashableSagaSystem> StartAsync(SagaTimeouts timeouts)
    {
        var folder = Directory.CreateTempSubdirectory("fooddelivery-durability-").FullName;
        var engine = new EngineProcess(Path.Combine(folder, "temporal.db"));
        try
        {
            await engine.StartAsync();
            var stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions
            {
                TemporalAddress = engine.TargetHost,
                DataDirectory = Path.Combine(folder, "services"),
                FaultInjection = true,
                SagaTimeouts = timeouts,
            });
            return new CrashableSagaSystem(folder, engine, stack);
        }
        catch
        {
            await engine.DisposeAsync();
            DeleteQuietly(folder);
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs in the engine; whatever it was doing stays half-done.</summary>
    public async Task KillEngineAsync()
    {
        await Engine.KillAsync();
        _engineUp = false;
    }

    /// <summary>Starts the engine again on the same file and port (it resumes from the file).</summary>
    public async Task StartEngineAsync()
    {
        await Engine.StartAsync();
        _engineUp = true;
    }

    public async Task KillAndRestartEngineAsync()
    {
        await KillEngineAsync();
        await StartEngineAsync();
    }

    public FaultInjector Faults(string service) => Stack.Faults(service);

    public WorkflowHandle<OrderSagaWorkflow> Saga(string orderId) =>
        Stack.Client.GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId));

    /// <summary>PlaceOrder through the client-facing API; returns the order id once the saga is started.</summary>
    public async Task<string> PlaceAsync(PlaceOrderRequest request) =>
        (await Outage.RetryAsync(async () => await Stack.Ordering.PlaceOrderAsync(request))).OrderId;

    /// <summary>Polls the saga's status query (real time) until it reports <paramref name="state"/> (and <paramref name="andAlso"/> holds).</summary>
    public async Task<OrderSagaStatus> WaitForStateAsync(string orderId, SagaState state, Func<OrderSagaStatus, bool>? andAlso = null)
    {
        OrderSagaStatus? last = null;
        await Outage.WaitUntilAsync(
            async () =>
            {
                last = await Saga(orderId).QueryAsync(wf => wf.GetStatus());
                return last.State == state && (andAlso?.Invoke(last) ?? true);
            },
            () => $"order {orderId} in state {state}; last status: {last}; engine stderr: {Engine.Stderr}");
        return last!;
    }

    /// <summary>The saga's result, awaited across engine restarts.</summary>
    public Task<OrderSagaResult> ResultAsync(string orderId) =>
        Outage.RetryAsync(() => Saga(orderId).GetResultAsync<OrderSagaResult>()).WaitAsync(Outage.Deadline);

    /// <summary>Plays restaurant and courier from wherever the saga is up to DELIVERED, through the Fulfillment API.</summary>
    public async Task<OrderSagaResult> DeliverAsync(string orderId, bool accept = true)
    {
        if (accept)
        {
            await WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
            await Outage.RetryAsync(async () => await Stack.Fulfillment.AcceptTicketAsync(
                new AcceptTicketRequest { OrderId = orderId, RestaurantId = CrashScenarios.Restaurant }));
        }

        var courier = (await WaitForStateAsync(orderId, SagaState.Confirmed)).CourierId!;
        var report = new CourierReportRequest { OrderId = orderId, CourierId = courier };
        await Outage.RetryAsync(async () => await Stack.Fulfillment.ConfirmPickupAsync(report));

        // Report the delivery once the saga waits for it (its deadline is set), so every run records the same steps.
        await WaitForStateAsync(orderId, SagaState.PickedUp, status => status.DeliveryDeadline is not null);
        await Outage.RetryAsync(async () => await Stack.Fulfillment.ConfirmDeliveredAsync(report));
        return await ResultAsync(orderId);
    }

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string orderId) =>
        [.. (await Outage.RetryAsync(() => Saga(orderId).FetchHistoryAsync())).Events];

    /// <summary>Polls the engine's history of the saga until it holds an event matching <paramref name="match"/>; returns it.</summary>
    public async Task<HistoryEvent> WaitForEventAsync(string orderId, string what, Func<HistoryEvent, bool> match)
    {
        HistoryEvent? found = null;
        await Outage.WaitUntilAsync(
            async () => (found = (await HistoryAsync(orderId)).FirstOrDefault(match)) is not null,
            () => $"{what} in the history of order {orderId}");
        return found!;
    }

    /// <summary>Polls the engine's description of the saga until one of its pending activities matches.</summary>
    public async Task<PendingActivityInfo> WaitForPendingActivityAsync(string orderId, string what, Func<PendingActivityInfo, bool> match)
    {
        PendingActivityInfo? found = null;
        await Outage.WaitUntilAsync(
            async () =>
            {
                var description = await Stack.Client.WorkflowService.DescribeWorkflowExecutionAsync(new DescribeWorkflowExecutionRequest
                {
                    Namespace = Stack.Namespace,
                    Execution = new() { WorkflowId = WireNames.WorkflowIdFor(orderId) },
                });
                return (found = description.PendingActivities.FirstOrDefault(match)) is not null;
            },
            () => $"{what} (order {orderId})");
        return found!;
    }

    /// <summary>Whether the saga's history is closed (completed, failed, ...) as far as the engine knows.</summary>
    public static bool IsClosingEvent(HistoryEvent e) => e.EventType is EventType.WorkflowExecutionCompleted
        or EventType.WorkflowExecutionFailed or EventType.WorkflowExecutionTerminated or EventType.WorkflowExecutionTimedOut
        or EventType.WorkflowExecutionCanceled or EventType.WorkflowExecutionContinuedAsNew;

    /// <summary>The audit over the four databases finds nothing wrong, nothing in flight, and exactly these many orders.</summary>
    /// <summary>
    /// Runs <paramref name="scenario"/> twice on this system, without a crash (the reference) and with one: the reference
    /// ends in <paramref name="expected"/>, the crashed run ends exactly like it, and the audit is clean over both orders.
    /// </summary>
    public async Task<(SagaRun Reference, SagaRun Crashed)> ShouldEndLikeWithoutCrashAsync(Func<bool, Task<SagaRun>> scenario, SagaState expected)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var reference = await scenario(false);
        var crashed = await scenario(true);
        reference.Result.FinalState.Should().Be(expected);
        crashed.ShouldMatch(reference);
        await ShouldAuditCleanAsync(orders: 2);
        return (reference, crashed);
    }

    public async Task ShouldAuditCleanAsync(int orders)
    {
        var audit = await Stack.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersInFlight.Should().BeEmpty(audit.ToString());
        audit.OrdersChecked.Should().Be(orders, audit.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        // A worker stops cleanly only while its engine answers (a test that failed mid-crash may have left it down).
        if (!_engineUp)
        {
            try
            {
                await StartEngineAsync();
            }
            catch (InvalidOperationException)
            {
                // The file was refused: the failing test already says why; stop the rest anyway.
            }
        }

        await Stack.DisposeAsync();
        await Engine.DisposeAsync();
        DeleteQuietly(_folder);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite or the exiting engine may hold a file a moment longer; the OS temp cleanup takes it.
        }
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Errors;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using TemporalRpcException = Temporalio.Exceptions.RpcException;

namespace FoodDelivery.Order.Ordering;

/// <summary>
/// The order service's door to the sagas: start one per order, ask its status, send it signals and updates. Temporal
/// errors become the same rich gRPC statuses as every other refusal of this service.
/// </summary>
public sealed class SagaGateway(TemporalOptions temporal, ITemporalClient? client, FinishedSagaStatuses finished)
{
    /// <summary>Workflow memo key: the customer who placed the order (whose token may read it before it is recorded).</summary>
    public const string CustomerIdMemo = "customer_id";

    private ITemporalClient Client => client ?? throw ServiceErrors.Rejected(
        ErrorReasons.WorkflowUnavailable,
        "no Temporal address is configured for the order service (set TEMPORAL_ADDRESS)",
        code: StatusCode.Unavailable);

    /// <summary>Starts the order's saga; returns false (and starts nothing) when it was started before.</summary>
    public async Task<bool> StartAsync(OrderSagaInput input, string requestFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = new WorkflowOptions(WireNames.WorkflowIdFor(input.OrderId), temporal.TaskQueue)
        {
            // One saga per order, ever: a finished saga is not started again for the same order id.
            IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
            Memo = new Dictionary<string, object>
            {
                [WireNames.RequestFingerprintMemo] = requestFingerprint,
                [WireNames.TotalMinorMemo] = input.TotalMinor,
                [WireNames.CurrencyMemo] = input.Currency,
                [CustomerIdMemo] = input.CustomerId,
            },
            Rpc = new RpcOptions { CancellationToken = cancellationToken },
        };
        try
        {
            await Call(() => Client.StartWorkflowAsync((OrderSagaWorkflow wf) => wf.RunAsync(input), options));
            return true;
        }
        catch (WorkflowAlreadyStartedException)
        {
            return false;
        }
    }

    /// <summary>The memo the saga was started with: request fingerprint, total and currency.</summary>
    public async Task<(string Fingerprint, long TotalMinor, string Currency)> DescribeStartAsync(string orderId, CancellationToken cancellationToken)
    {
        var description = await Call(() => Handle(orderId).DescribeAsync(new() { Rpc = new() { CancellationToken = cancellationToken } }));
        async Task<T> Memo<T>(string key) => description.Memo.TryGetValue(key, out var value) ? await value.ToValueAsync<T>() : default!;
        return (await Memo<string>(WireNames.RequestFingerprintMemo), await Memo<long>(WireNames.TotalMinorMemo), await Memo<string>(WireNames.CurrencyMemo));
    }

    /// <summary>The customer the saga was started for, or null when the engine does not know the order's workflow.</summary>
    public async Task<string?> DescribeCustomerAsync(string orderId, CancellationToken cancellationToken)
    {
        try
        {
            var description = await Call(() => Handle(orderId).DescribeAsync(new() { Rpc = new() { CancellationToken = cancellationToken } }));
            return description.Memo.TryGetValue(CustomerIdMemo, out var value) ? await value.ToValueAsync<string>() : null;
        }
        catch (ServiceException notFound) when (notFound.Code == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The saga's status, or null when the engine does not know the order's workflow.</summary>
    public async Task<OrderSagaStatus?> QueryStatusAsync(string orderId, CancellationToken cancellationToken)
    {
        if (finished.TryGet(orderId, out var final))
        {
            return final;
        }

        try
        {
            // A closed saga is not queried: the engine would hand the query to a worker, which replays the whole run.
            return await Call(() => Handle(orderId).QueryAsync(
                wf => wf.GetStatus(),
                new() { RejectCondition = QueryRejectCondition.NotOpen, Rpc = new() { CancellationToken = cancellationToken } }));
        }
        catch (WorkflowQueryRejectedException)
        {
            final = await ClosedStatusAsync(orderId, cancellationToken);
            finished.Remember(orderId, final);
            return final;
        }
        catch (ServiceException notFound) when (notFound.Code == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A closed saga's status: from its result when it has one, else (terminated, or recorded before results carried it) by a query.</summary>
    private async Task<OrderSagaStatus> ClosedStatusAsync(string orderId, CancellationToken cancellationToken)
    {
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        try
        {
            var result = await Call(() => Handle(orderId).GetResultAsync<OrderSagaResult>(rpcOptions: rpc));
            if (result.FinalStatus is { } status)
            {
                return status;
            }
        }
        catch (WorkflowFailedException)
        {
            // Terminated, timed out or failed: there is no result, but the run's state can still be replayed.
        }

        return await Call(() => Handle(orderId).QueryAsync(wf => wf.GetStatus(), new() { Rpc = rpc }));
    }

    /// <summary>The customer's cancellation (a workflow update): answers once the saga has undone the order.</summary>
    public async Task<CancelOrderResult> CancelAsync(string orderId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            return await Call(() => Handle(orderId).ExecuteUpdateAsync(
                wf => wf.CancelOrderAsync(new CancelOrderRequest(reason)),
                new() { Rpc = new() { CancellationToken = cancellationToken } }));
        }
        catch (WorkflowUpdateFailedException refused)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.CancellationRefused, refused.InnerException?.Message ?? refused.Message, [new("order_id", orderId)]);
        }
        catch (ServiceException notFound) when (notFound.Code == StatusCode.NotFound)
        {
            // The engine refuses updates on a closed workflow with NOT_FOUND: when the saga exists, the order has ended.
            var description = await Call(() => Handle(orderId).DescribeAsync(new() { Rpc = new() { CancellationToken = cancellationToken } }));
            throw ServiceErrors.Rejected(
                ErrorReasons.CancellationRefused,
                $"the order has already ended (its saga is {description.Status})",
                [new("order_id", orderId)]);
        }
    }

    public Task SignalAsync(string orderId, System.Linq.Expressions.Expression<Func<OrderSagaWorkflow, Task>> signal, CancellationToken cancellationToken) =>
        Call(() => Handle(orderId).SignalAsync(signal, new() { Rpc = new() { CancellationToken = cancellationToken } }));

    /// <summary>Every new history event of the saga as it happens, until it closes (a long poll on the history).</summary>
    public IAsyncEnumerable<Temporalio.Api.History.V1.HistoryEvent> FollowHistoryAsync(string orderId, CancellationToken cancellationToken) =>
        Handle(orderId).FetchHistoryEventsAsync(new() { WaitNewEvent = true, Rpc = new() { CancellationToken = cancellationToken } });

    private WorkflowHandle<OrderSagaWorkflow> Handle(string orderId) =>
        Client.GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId));

    private static async Task Call(Func<Task> call) => await Call(async () =>
    {
        await call();
        return true;
    });

    /// <summary>Maps the engine's answers onto this service's error model.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (TemporalRpcException ex) when (ex.Code == TemporalRpcException.StatusCode.NotFound)
        {
            throw ServiceErrors.Rejected(ErrorReasons.NotFound, "the order's saga is not known to the workflow engine", code: StatusCode.NotFound);
        }
        catch (TemporalRpcException ex) when (ex.Code is TemporalRpcException.StatusCode.Unavailable or TemporalRpcException.StatusCode.DeadlineExceeded)
        {
            throw ServiceErrors.Rejected(ErrorReasons.WorkflowUnavailable, $"the workflow engine is unreachable: {ex.Message}", code: StatusCode.Unavailable);
        }
        catch (WorkflowQueryFailedException ex)
        {
            throw ServiceErrors.Rejected(ErrorReasons.WorkflowUnavailable, $"the saga could not answer: {ex.Message}", code: StatusCode.Unavailable);
        }
    }
}

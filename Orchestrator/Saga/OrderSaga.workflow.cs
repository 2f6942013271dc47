using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Activities;
using Microsoft.Extensions.Logging;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace FoodDelivery.Orchestrator.Saga;

/// <summary>
/// One order's saga: record the order, hold stock, authorize payment, wait for the restaurant, find a courier,
/// capture, confirm, then follow pickup and delivery. When a step is refused or a deadline passes, or the customer
/// cancels, the compensations registered so far run in reverse order and the order ends CANCELLED or REJECTED.
/// <para>
/// Rules that keep the data consistent: a compensation is registered BEFORE its step runs (a step can succeed and still
/// time out), every compensation is idempotent and a no-op when its step never ran, compensations ignore cancellation,
/// and a compensation that fails for good parks the order in NeedsAttention until an operator says retry or resolve.
/// This code is replayed: it reads time, randomness and ids only through <see cref="Workflow"/>.
/// </para>
/// </summary>
[Workflow(WireNames.OrderSagaWorkflowType)]
public sealed class OrderSagaWorkflow
{
    private static readonly RetryPolicy ServiceRetry = new()
    {
        InitialInterval = TimeSpan.FromSeconds(1),
        BackoffCoefficient = 2,
        MaximumInterval = TimeSpan.FromSeconds(30),
    };

    private readonly List<Compensation> _compensations = [];
    private readonly List<string> _stepsDone = [];
    private readonly List<string> _compensationsRun = [];
    private OrderSagaInput? _input;
    private SagaState _state = SagaState.Started;
    private string? _lastError;
    private string? _outcomeReason;
    private string? _pendingCompensation;
    private DateTime? _acceptanceDeadline;
    private DateTime? _courierDeadline;
    private DateTime? _pickupDeadline;
    private DateTime? _deliveryDeadline;
    private bool? _restaurantAccepted;
    private string? _restaurantRejection;
    private string? _courierId;
    private bool _pickedUp;
    private bool _delivered;
    private string? _cancelReason;
    private OperatorCommand? _operatorCommand;
    private CancellationTokenSource? _forwardCancellation;

    private OrderSagaInput Input => _input ?? throw new InvalidOperationException("the saga has not started");

    private string OrderId => Input.OrderId;

    [WorkflowRun]
    public async Task<OrderSagaResult> RunAsync(OrderSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        var timeouts = input.Timeouts ?? SagaTimeouts.Default;

        // Cancelled by the customer's CancelOrder update or by a workflow cancellation; only the forward path listens.
        using var forward = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        _forwardCancellation = forward;

        // A cancellation that came with the saga's first workflow task ran its handler before this method, when there
        // was nothing to cancel yet; honour it now, before any step runs.
        if (_cancelReason is not null && Workflow.Patched(SagaPatches.CancelArrivingWithFirstTask))
        {
            forward.Cancel();
        }

        try
        {
            await RunForwardAsync(timeouts, forward.Token);
            return Finish(SagaState.Delivered, reason: null);
        }
        catch (Exception failure) when (IsSagaFailure(failure))
        {
            var cancelled = _cancelReason is not null || Workflow.CancellationToken.IsCancellationRequested;
            var reason = cancelled ? $"CANCELLED_BY_CUSTOMER: {_cancelReason ?? "workflow cancelled"}" : Describe(failure);
            _lastError = cancelled ? _lastError : reason;
            Workflow.Logger.LogInformation("Order {OrderId}: compensating ({Reason})", OrderId, reason);

            await CompensateAsync(reason, timeouts);
            var final = cancelled ? SagaState.Cancelled : SagaState.Rejected;
            await RunCompensationAsync(
                SagaSteps.CloseOrder,
                (key, options) => CloseOrderAsync(key, cancelled ? OrderStatus.Cancelled : OrderStatus.Rejected, reason, options),
                timeouts);
            return Finish(final, reason);
        }
    }

    /// <summary>The customer's cancellation: allowed until the courier has picked the order up.</summary>
    [WorkflowUpdateValidator(nameof(CancelOrderAsync))]
    public void ValidateCancelOrder(CancelOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new ArgumentException("a cancellation reason is required");
        }

        switch (_state)
        {
            case SagaState.PickedUp or SagaState.Delivered:
                throw new InvalidOperationException("the order was already picked up by the courier and can no longer be cancelled");
            case SagaState.Cancelled or SagaState.Rejected:
                throw new InvalidOperationException($"the order has already ended ({_state})");
        }
    }

    [WorkflowUpdate]
    public async Task<CancelOrderResult> CancelOrderAsync(CancelOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _cancelReason ??= request.Reason;
        _forwardCancellation?.Cancel();
        await Workflow.WaitConditionAsync(
            () => _state is SagaState.Cancelled or SagaState.Rejected or SagaState.NeedsAttention,
            cancellationToken: CancellationToken.None);
        return new CancelOrderResult(_state, [.. _compensationsRun]);
    }

    [WorkflowQuery]
    public OrderSagaStatus GetStatus() => new(
        _input?.OrderId ?? string.Empty,
        _state,
        [.. _stepsDone],
        [.. _compensationsRun],
        _lastError,
        _outcomeReason,
        _acceptanceDeadline,
        _courierDeadline,
        _pickupDeadline,
        _deliveryDeadline,
        _pendingCompensation,
        _courierId);

    [WorkflowSignal]
    public Task RestaurantAcceptedAsync()
    {
        _restaurantAccepted ??= true;
        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task RestaurantRejectedAsync(string reason)
    {
        if (_restaurantAccepted is null)
        {
            _restaurantAccepted = false;
            _restaurantRejection = reason;
        }

        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task CourierPickedUpAsync(string courierId)
    {
        if (_courierId is not null && courierId != _courierId)
        {
            _lastError = $"pickup reported by courier '{courierId}', but '{_courierId}' is assigned; ignored";
        }
        else if (_state == SagaState.Confirmed)
        {
            // From here on the food is on its way: the customer can no longer cancel.
            _pickedUp = true;
            _state = SagaState.PickedUp;
        }

        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task CourierDeliveredAsync(string courierId)
    {
        if (courierId == _courierId && _pickedUp)
        {
            _delivered = true;
        }
        else
        {
            _lastError = $"delivery reported by courier '{courierId}' before pickup or by the wrong courier; ignored";
        }

        return Task.CompletedTask;
    }

    /// <summary>An operator's answer for an order in NeedsAttention.</summary>
    [WorkflowSignal]
    public Task OperatorCommandAsync(OperatorCommand command)
    {
        if (_state == SagaState.NeedsAttention)
        {
            _operatorCommand = command;
        }

        return Task.CompletedTask;
    }

    private static bool IsSagaFailure(Exception failure) =>
        failure is ActivityFailureException or SagaAbortedException or OperationCanceledException or CanceledFailureException;

    private static string Describe(Exception failure) => failure switch
    {
        SagaAbortedException aborted => $"{aborted.Reason}: {aborted.Message}",
        ActivityFailureException { InnerException: ApplicationFailureException app } =>
            $"{app.ErrorType}: {app.Message}",
        ActivityFailureException { InnerException: TimeoutFailureException timeout } =>
            $"TIMEOUT: {timeout.TimeoutType} timeout of a service call",
        _ => $"FAILED: {failure.Message}",
    };

    private async Task RunForwardAsync(SagaTimeouts timeouts, CancellationToken cancellation)
    {
        var input = Input;
        var step = StepOptions(timeouts, cancellation);

        _state = SagaState.RecordingOrder;
        await Workflow.ExecuteActivityAsync(
            (OrderActivities a) => a.CreateOrderAsync(new CreateOrderInput(
                Key(SagaSteps.RecordOrder), OrderId, input.CustomerId, input.RestaurantId, input.Lines, input.Currency, input.DeliveryAddress)),
            step);
        _stepsDone.Add(SagaSteps.RecordOrder);

        _state = SagaState.ReservingItems;
        Register(SagaSteps.ReleaseItems, (key, reason, options) => Workflow.ExecuteActivityAsync(
            (RestaurantActivities a) => a.ReleaseItemsAsync(new CompensationInput(key, OrderId, reason)), options));
        var reservation = await Workflow.ExecuteActivityAsync(
            (RestaurantActivities a) => a.ReserveItemsAsync(new ReserveItemsInput(Key(SagaSteps.ReserveItems), OrderId, input.RestaurantId, input.Lines)),
            step);
        _stepsDone.Add(SagaSteps.ReserveItems);
        if (reservation.TotalMinor != input.TotalMinor || reservation.Currency != input.Currency)
        {
            throw new SagaAbortedException(
                "PRICE_CHANGED",
                $"the restaurant priced the order at {reservation.TotalMinor} {reservation.Currency}, not {input.TotalMinor} {input.Currency}");
        }

        _state = SagaState.AuthorizingPayment;
        Register(SagaSteps.VoidOrRefund, (key, reason, options) => Workflow.ExecuteActivityAsync(
            (PaymentActivities a) => a.VoidOrRefundAsync(new CompensationInput(key, OrderId, reason)), options));
        await Workflow.ExecuteActivityAsync(
            (PaymentActivities a) => a.AuthorizePaymentAsync(new AuthorizePaymentInput(
                Key(SagaSteps.AuthorizePayment), OrderId, input.CustomerId, input.TotalMinor, input.Currency, input.PaymentMethodToken)),
            step);
        _stepsDone.Add(SagaSteps.AuthorizePayment);

        await AwaitRestaurantAsync(timeouts, cancellation);
        await Workflow.ExecuteActivityAsync(
            (RestaurantActivities a) => a.ConfirmTicketAsync(new OrderStepInput(Key(SagaSteps.ConfirmTicket), OrderId)), step);
        _stepsDone.Add(SagaSteps.ConfirmTicket);

        await AssignCourierAsync(timeouts, cancellation);

        _state = SagaState.CapturingPayment;
        await Workflow.ExecuteActivityAsync(
            (PaymentActivities a) => a.CapturePaymentAsync(new OrderStepInput(Key(SagaSteps.CapturePayment), OrderId)), step);
        _stepsDone.Add(SagaSteps.CapturePayment);

        await TransitionOrderAsync(SagaSteps.ConfirmOrder, OrderStatus.Confirmed, "restaurant accepted, courier assigned, payment captured", step);
        _state = SagaState.Confirmed;

        await FollowPickupAndDeliveryAsync(timeouts, cancellation);
    }

    private async Task AwaitRestaurantAsync(SagaTimeouts timeouts, CancellationToken cancellation)
    {
        _state = SagaState.AwaitingRestaurant;
        _acceptanceDeadline = Workflow.UtcNow + timeouts.RestaurantAcceptance;
        var decided = await Workflow.WaitConditionAsync(
            () => _restaurantAccepted is not null, timeouts.RestaurantAcceptance, cancellation);
        if (!decided)
        {
            throw new SagaAbortedException(
                "ACCEPTANCE_DEADLINE_PASSED", $"the restaurant did not accept within {timeouts.RestaurantAcceptance}");
        }

        if (_restaurantAccepted == false)
        {
            throw new SagaAbortedException("RESTAURANT_REJECTED", _restaurantRejection ?? "the restaurant rejected the order");
        }

        _stepsDone.Add(SagaSteps.RestaurantAcceptance);
    }

    private async Task AssignCourierAsync(SagaTimeouts timeouts, CancellationToken cancellation)
    {
        _state = SagaState.AssigningCourier;
        _courierDeadline = Workflow.UtcNow + timeouts.CourierAssignment;
        Register(SagaSteps.CancelCourier, (key, reason, options) => Workflow.ExecuteActivityAsync(
            (DeliveryActivities a) => a.CancelAssignmentAsync(new CompensationInput(key, OrderId, reason)), options));

        // NO_COURIER_AVAILABLE is retryable: the engine keeps retrying with backoff until the courier deadline.
        var options = StepOptions(timeouts, cancellation);
        options.ScheduleToCloseTimeout = timeouts.CourierAssignment;
        try
        {
            var assignment = await Workflow.ExecuteActivityAsync(
                (DeliveryActivities a) => a.AssignCourierAsync(new AssignCourierInput(
                    Key(SagaSteps.AssignCourier), OrderId, Input.PickupAddress, Input.DeliveryAddress)),
                options);
            _courierId = assignment.CourierId;
        }
        catch (ActivityFailureException failure) when (failure.InnerException is TimeoutFailureException && !cancellation.IsCancellationRequested)
        {
            throw new SagaAbortedException(
                ErrorReasons.NoCourierAvailable, $"no courier became free within {timeouts.CourierAssignment}");
        }

        _stepsDone.Add(SagaSteps.AssignCourier);
    }

    private async Task FollowPickupAndDeliveryAsync(SagaTimeouts timeouts, CancellationToken cancellation)
    {
        _pickupDeadline = Workflow.UtcNow + timeouts.Pickup;
        var pickedUp = await Workflow.WaitConditionAsync(() => _pickedUp, timeouts.Pickup, cancellation);
        if (!pickedUp)
        {
            throw new SagaAbortedException("PICKUP_DEADLINE_PASSED", $"the courier did not pick the order up within {timeouts.Pickup}");
        }

        // Past pickup nothing can be undone: the remaining steps ignore cancellation.
        var committed = StepOptions(timeouts, CancellationToken.None);
        var courierId = _courierId ?? throw new InvalidOperationException("picked up without a courier");
        await Workflow.ExecuteActivityAsync(
            (DeliveryActivities a) => a.ConfirmPickupAsync(new CourierStepInput(Key(SagaSteps.ConfirmPickup), OrderId, courierId)),
            committed);
        _stepsDone.Add(SagaSteps.ConfirmPickup);
        await TransitionOrderAsync(SagaSteps.MarkPickedUp, OrderStatus.PickedUp, "the courier picked the order up", committed);

        _deliveryDeadline = Workflow.UtcNow + timeouts.Delivery;
        if (!await Workflow.WaitConditionAsync(() => _delivered, timeouts.Delivery, CancellationToken.None))
        {
            _lastError = $"the courier has not delivered within {timeouts.Delivery}; still waiting";
            Workflow.Logger.LogWarning("Order {OrderId}: delivery overdue", OrderId);
            await Workflow.WaitConditionAsync(() => _delivered, CancellationToken.None);
        }

        await Workflow.ExecuteActivityAsync(
            (DeliveryActivities a) => a.ConfirmDeliveredAsync(new CourierStepInput(Key(SagaSteps.ConfirmDelivery), OrderId, courierId)),
            committed);
        _stepsDone.Add(SagaSteps.ConfirmDelivery);
        await TransitionOrderAsync(SagaSteps.MarkDelivered, OrderStatus.Delivered, "the courier delivered the order", committed);
    }

    private async Task TransitionOrderAsync(string step, OrderStatus to, string reason, ActivityOptions options)
    {
        await Workflow.ExecuteActivityAsync(
            (OrderActivities a) => a.TransitionOrderAsync(new TransitionOrderInput(Key(step), OrderId, to, reason)), options);
        _stepsDone.Add(step);
    }

    /// <summary>Runs every registered compensation, newest first. Each one parks the saga for an operator if it fails for good.</summary>
    private async Task CompensateAsync(string reason, SagaTimeouts timeouts)
    {
        _state = SagaState.Compensating;
        for (var i = _compensations.Count - 1; i >= 0; i--)
        {
            var compensation = _compensations[i];
            await RunCompensationAsync(compensation.Name, (key, options) => compensation.Run(key, reason, options), timeouts);
        }
    }

    private async Task RunCompensationAsync(
        string name, Func<string, ActivityOptions, Task<CompensationResult>> run, SagaTimeouts timeouts)
    {
        var options = CompensationOptions(timeouts);
        for (var operatorRetry = 0; ; operatorRetry++)
        {
            _pendingCompensation = name;
            try
            {
                var result = await run(WireNames.IdempotencyKey(OrderId, name, operatorRetry), options);
                _compensationsRun.Add(result.Undid ? name : $"{name} (nothing to undo)");
                _pendingCompensation = null;
                return;
            }
            catch (ActivityFailureException failure)
            {
                _lastError = $"compensation {name} failed for good: {Describe(failure)}";
                var command = await AwaitOperatorAsync(timeouts);
                if (command.Action == OperatorAction.Resolve)
                {
                    _compensationsRun.Add($"{name} (resolved by operator: {command.Note})");
                    _pendingCompensation = null;
                    return;
                }
            }
        }
    }

    /// <summary>Marks the order NEEDS_ATTENTION and waits, without a deadline, for an operator's retry or resolve.</summary>
    private async Task<OperatorCommand> AwaitOperatorAsync(SagaTimeouts timeouts)
    {
        var previous = _state;
        _state = SagaState.NeedsAttention;
        Workflow.Logger.LogWarning("Order {OrderId} needs attention: {Error}", OrderId, _lastError);
        try
        {
            await Workflow.ExecuteActivityAsync(
                (OrderActivities a) => a.TransitionOrderAsync(new TransitionOrderInput(
                    Key(SagaSteps.MarkNeedsAttention), OrderId, OrderStatus.NeedsAttention, _lastError ?? "a compensation failed")),
                CompensationOptions(timeouts));
        }
        catch (ActivityFailureException failure)
        {
            // The order record may be unreachable too (or never written); the saga's own status still says NeedsAttention.
            Workflow.Logger.LogWarning("Order {OrderId}: could not mark NEEDS_ATTENTION: {Error}", OrderId, Describe(failure));
        }

        if (!Workflow.Patched(SagaPatches.KeepOperatorCommandWhileMarking))
        {
            // The behaviour of sagas started before the patch: a command received during the write above was dropped.
            _operatorCommand = null;
        }

        await Workflow.WaitConditionAsync(() => _operatorCommand is not null, CancellationToken.None);
        var command = _operatorCommand!;
        _operatorCommand = null;
        _state = previous;
        return command;
    }

    /// <summary>The order's final status. An order whose record never arrived is closed as a tombstone by the service.</summary>
    private async Task<CompensationResult> CloseOrderAsync(string key, OrderStatus final, string reason, ActivityOptions options)
    {
        await Workflow.ExecuteActivityAsync(
            (OrderActivities a) => a.TransitionOrderAsync(new TransitionOrderInput(key, OrderId, final, reason)), options);
        return new CompensationResult(true, final.ToString());
    }

    private OrderSagaResult Finish(SagaState final, string? reason)
    {
        _state = final;
        _outcomeReason = reason;
        // The final status rides on the result: the same commands as before, only a larger completion payload.
        return new OrderSagaResult(OrderId, final, reason, [.. _compensationsRun], GetStatus());
    }

    private void Register(string name, Func<string, string, ActivityOptions, Task<CompensationResult>> run) =>
        _compensations.Add(new Compensation(name, run));

    private string Key(string step) => WireNames.IdempotencyKey(OrderId, step);

    private static ActivityOptions StepOptions(SagaTimeouts timeouts, CancellationToken cancellation) => new()
    {
        StartToCloseTimeout = timeouts.StepStartToClose,
        ScheduleToCloseTimeout = timeouts.StepScheduleToClose,
        RetryPolicy = ServiceRetry,
        CancellationToken = cancellation,
    };

    /// <summary>Compensations are never cancelled: they must finish even when the workflow itself is being cancelled.</summary>
    private static ActivityOptions CompensationOptions(SagaTimeouts timeouts) => new()
    {
        StartToCloseTimeout = timeouts.StepStartToClose,
        ScheduleToCloseTimeout = timeouts.CompensationScheduleToClose,
        RetryPolicy = ServiceRetry,
        CancellationToken = CancellationToken.None,
    };

    /// <summary>An undo action registered before its step: name (for keys and status) and how to run it.</summary>
    private sealed record Compensation(string Name, Func<string, string, ActivityOptions, Task<CompensationResult>> Run);
}

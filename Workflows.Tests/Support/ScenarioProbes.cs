using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using PaymentRecord = FoodDelivery.Contracts.Payment.V1.Payment;

namespace FoodDelivery.Workflows.Tests.Support;

/// <summary>
/// Reads of the services' own state (ledger, reservation, stock, courier) and a driver that nudges virtual time so
/// retry backoffs pass quickly. Used by the reliability scenarios (transient failures, timeouts, NEEDS_ATTENTION, restarts).
/// </summary>
internal static class ScenarioProbes
{
    /// <summary>Deadlines so long that nudging the clock (to skip retry backoffs) never reaches one.</summary>
    public static SagaTimeouts NudgeableTimeouts { get; } = SagaTimeouts.Default with
    {
        RestaurantAcceptance = TimeSpan.FromHours(6),
        CourierAssignment = TimeSpan.FromHours(6),
        Pickup = TimeSpan.FromHours(6),
        Delivery = TimeSpan.FromHours(6),
        StepStartToClose = TimeSpan.FromMinutes(1),
        StepScheduleToClose = TimeSpan.FromMinutes(30),
        CompensationScheduleToClose = TimeSpan.FromMinutes(30),
    };

    /// <summary>Virtual time added per poll: retry backoffs (1 s, 2 s, ...) pass about five times faster than real time.</summary>
    public static TimeSpan Nudge { get; } = TimeSpan.FromMilliseconds(250);

    public static Task<OrderSagaStatus> StatusAsync(SagaEnvironment environment, string orderId) =>
        environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());

    /// <summary>Polls the status query until <paramref name="state"/>, nudging the clock by <see cref="Nudge"/> per poll.</summary>
    public static async Task<OrderSagaStatus> WaitForStateAsync(
        SagaEnvironment environment, string orderId, SagaState state, bool nudge = true, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        OrderSagaStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await StatusAsync(environment, orderId);
                if (status.State == state)
                {
                    return status;
                }

                if (status.IsFinished)
                {
                    break;
                }
            }
            catch (Temporalio.Exceptions.RpcException)
            {
                // Not started yet, or its first workflow task has not run: ask again.
            }

            if (nudge && environment.DevServer is { } devServer)
            {
                await devServer.AdvanceTimeAsync(Nudge);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"order {orderId} did not reach {state}; last status: {status}");
    }

    /// <summary>Accept, pickup, delivery through the client-facing API; never awaits the result before the saga ended.</summary>
    public static async Task<OrderSagaResult> DeliverAsync(SagaEnvironment environment, string orderId, bool nudge = true)
    {
        await WaitForStateAsync(environment, orderId, SagaState.AwaitingRestaurant, nudge);
        await environment.Fulfillment.AcceptTicketAsync(new Contracts.Order.V1.AcceptTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Pizzeria });
        var confirmed = await WaitForStateAsync(environment, orderId, SagaState.Confirmed, nudge);
        var courier = confirmed.CourierId!;
        await environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        await WaitForStateAsync(environment, orderId, SagaState.PickedUp, nudge);
        await environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        await WaitForStateAsync(environment, orderId, SagaState.Delivered, nudge);
        return await environment.Saga(orderId).GetResultAsync<OrderSagaResult>();
    }

    /// <summary>The saga's result (awaiting it lets virtual time skip), failing the test instead of hanging.</summary>
    public static Task<OrderSagaResult> WaitForFinishAsync(SagaEnvironment environment, string orderId, TimeSpan? timeout = null) =>
        environment.Saga(orderId).GetResultAsync<OrderSagaResult>().WaitAsync(timeout ?? TimeSpan.FromSeconds(90));

    public static async Task<PaymentRecord> PaymentAsync(SagaEnvironment environment, string orderId)
    {
        using var channel = GrpcChannel.ForAddress(environment.Services.Payment.Address);
        return await new PaymentService.PaymentServiceClient(channel.WithDevelopmentTokens()).GetPaymentAsync(new GetPaymentRequest { OrderId = orderId });
    }

    public static async Task<Reservation> ReservationAsync(SagaEnvironment environment, string orderId)
    {
        using var channel = GrpcChannel.ForAddress(environment.Services.Restaurant.Address);
        return await new RestaurantService.RestaurantServiceClient(channel.WithDevelopmentTokens()).GetReservationAsync(new GetReservationRequest { OrderId = orderId });
    }

    public static async Task<MenuItem> MenuItemAsync(SagaEnvironment environment, string restaurantId, string itemId)
    {
        using var channel = GrpcChannel.ForAddress(environment.Services.Restaurant.Address);
        var menu = await new RestaurantService.RestaurantServiceClient(channel.WithDevelopmentTokens()).GetMenuAsync(new GetMenuRequest { RestaurantId = restaurantId });
        return menu.Items.Single(i => i.ItemId == itemId);
    }

    public static async Task<Assignment> AssignmentAsync(SagaEnvironment environment, string orderId)
    {
        using var channel = GrpcChannel.ForAddress(environment.Services.Delivery.Address);
        return await new DeliveryService.DeliveryServiceClient(channel.WithDevelopmentTokens()).GetAssignmentAsync(new GetAssignmentRequest { OrderId = orderId });
    }

    public static async Task<IReadOnlyList<Courier>> CouriersAsync(SagaEnvironment environment)
    {
        using var channel = GrpcChannel.ForAddress(environment.Services.Delivery.Address);
        return (await new DeliveryService.DeliveryServiceClient(channel.WithDevelopmentTokens()).ListCouriersAsync(new ListCouriersRequest())).Couriers;
    }

    /// <summary>Ledger kinds of the order's payment, in order.</summary>
    public static async Task<IReadOnlyList<LedgerEntryKind>> LedgerAsync(SagaEnvironment environment, string orderId) =>
        [.. (await PaymentAsync(environment, orderId)).Ledger.OrderBy(e => e.Sequence).Select(e => e.Kind)];

    /// <summary>Every idempotency key the saga scheduled an activity with (from the activities' inputs in the history).</summary>
    public static async Task<IReadOnlyList<string>> ScheduledKeysAsync(SagaEnvironment environment, string orderId)
    {
        var history = await DecryptedHistoryAsync(environment, orderId);
        return [.. history.Events
            .Where(e => e.ActivityTaskScheduledEventAttributes is not null)
            .Select(e => KeyOf(e.ActivityTaskScheduledEventAttributes.Input))
            .OfType<string>()];
    }

    /// <summary>For every activity that completed: its idempotency key and the attempt that completed it.</summary>
    public static async Task<IReadOnlyList<(string Key, int Attempt)>> LastAttemptsAsync(SagaEnvironment environment, string orderId)
    {
        var history = await DecryptedHistoryAsync(environment, orderId);
        var keyByScheduledId = new Dictionary<long, string>();
        var attempts = new List<(string, int)>();
        foreach (var e in history.Events)
        {
            if (e.ActivityTaskScheduledEventAttributes is { } scheduled)
            {
                if (KeyOf(scheduled.Input) is { } key)
                {
                    keyByScheduledId[e.EventId] = key;
                }
            }
            else if (e.ActivityTaskStartedEventAttributes is { } started
                && keyByScheduledId.TryGetValue(started.ScheduledEventId, out var startedKey))
            {
                attempts.Add((startedKey, started.Attempt));
            }
        }

        return attempts;
    }

    /// <summary>The saga's history with its payloads decrypted (the engine stores them encrypted, see Orchestrator/Codec).</summary>
    private static async Task<Temporalio.Common.WorkflowHistory> DecryptedHistoryAsync(SagaEnvironment environment, string orderId)
    {
        var history = await environment.Saga(orderId).FetchHistoryAsync();
        foreach (var historyEvent in history.Events)
        {
            await MessagePayloads.DecodeAsync(historyEvent, environment.Client.Options.DataConverter.PayloadCodec!);
        }

        return history;
    }

    private static string? KeyOf(Temporalio.Api.Common.V1.Payloads? input)
    {
        if (input is null)
        {
            return null;
        }

        foreach (var payload in input.Payloads_)
        {
            using var document = System.Text.Json.JsonDocument.Parse(payload.Data.ToStringUtf8());
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("IdempotencyKey", out var key))
            {
                return key.GetString();
            }
        }

        return null;
    }

    /// <summary>The cross-service effects of one DELIVERED order, each exactly once.</summary>
    public static async Task ShouldBeDeliveredOnceAsync(SagaEnvironment environment, string orderId, long totalMinor)
    {
        var order = (await environment.Ordering.GetOrderViewAsync(new Contracts.Order.V1.GetOrderRequest { OrderId = orderId })).Order;
        order.Status.Should().Be(OrderStatus.Delivered);
        order.Total.AmountMinor.Should().Be(totalMinor);
        order.History.Select(h => h.To).Should().Equal(
            OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered);

        var reservation = await ReservationAsync(environment, orderId);
        reservation.Status.Should().Be(ReservationStatus.Confirmed);
        reservation.Items.Select(i => (i.ItemId, i.Quantity)).Should().BeEquivalentTo(order.Lines.Select(l => (l.ItemId, l.Quantity)));

        var payment = await PaymentAsync(environment, orderId);
        payment.Ledger.OrderBy(e => e.Sequence).Select(e => e.Kind).Should().Equal(
            LedgerEntryKind.Authorization, LedgerEntryKind.Capture);
        payment.Status.Should().Be(PaymentStatus.Captured);
        payment.Captured.AmountMinor.Should().Be(totalMinor);
        payment.Net.AmountMinor.Should().Be(totalMinor);

        var assignment = await AssignmentAsync(environment, orderId);
        assignment.Status.Should().Be(AssignmentStatus.Delivered);
        assignment.CourierId.Should().NotBeNullOrEmpty();
    }
}

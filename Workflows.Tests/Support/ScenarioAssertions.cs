using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Security;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using OrderRecord = FoodDelivery.Contracts.Order.V1.Order;
using OrderStatus = FoodDelivery.Contracts.Order.V1.OrderStatus;
using PaymentRecord = FoodDelivery.Contracts.Payment.V1.Payment;

namespace FoodDelivery.Workflows.Tests.Support;

/// <summary>
/// Reads what the saga left behind in each service (stock, payment ledger, courier assignment) through the services'
/// own read RPCs, and the assertions the rejection, deadline, cancellation and PlaceOrder scenarios share.
/// </summary>
public sealed class ScenarioProbe : IDisposable
{
    private readonly GrpcChannel _restaurantChannel;
    private readonly GrpcChannel _paymentChannel;
    private readonly GrpcChannel _deliveryChannel;

    public ScenarioProbe(SagaEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Environment = environment;
        _restaurantChannel = GrpcChannel.ForAddress(environment.Services.Restaurant.Address);
        _paymentChannel = GrpcChannel.ForAddress(environment.Services.Payment.Address);
        _deliveryChannel = GrpcChannel.ForAddress(environment.Services.Delivery.Address);
        Restaurants = new RestaurantService.RestaurantServiceClient(_restaurantChannel.WithDevelopmentTokens());
        Payments = new PaymentService.PaymentServiceClient(_paymentChannel.WithDevelopmentTokens());
        Deliveries = new DeliveryService.DeliveryServiceClient(_deliveryChannel.WithDevelopmentTokens());
    }

    public SagaEnvironment Environment { get; }

    public RestaurantService.RestaurantServiceClient Restaurants { get; }

    public PaymentService.PaymentServiceClient Payments { get; }

    public DeliveryService.DeliveryServiceClient Deliveries { get; }

    /// <summary>Every menu item of the restaurant with its stock counters, by item id.</summary>
    public async Task<IReadOnlyDictionary<string, MenuItem>> StockAsync(string restaurantId) =>
        (await Restaurants.GetMenuAsync(new GetMenuRequest { RestaurantId = restaurantId }))
            .Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);

    public async Task<MenuItem> ItemAsync(string restaurantId, string itemId) => (await StockAsync(restaurantId))[itemId];

    /// <summary>The order's reservation, or null when the restaurant has no record of it.</summary>
    public Task<Reservation?> ReservationAsync(string orderId) =>
        OrNullAsync(async () => await Restaurants.GetReservationAsync(new GetReservationRequest { OrderId = orderId }));

    /// <summary>The order's payment, or null when nothing was ever recorded for it.</summary>
    public Task<PaymentRecord?> PaymentAsync(string orderId) =>
        OrNullAsync(async () => await Payments.GetPaymentAsync(new GetPaymentRequest { OrderId = orderId }));

    /// <summary>The order's courier assignment, or null when the delivery service has no record of it.</summary>
    public Task<Assignment?> AssignmentAsync(string orderId) =>
        OrNullAsync(async () => await Deliveries.GetAssignmentAsync(new GetAssignmentRequest { OrderId = orderId }));

    public async Task<IReadOnlyList<Courier>> CouriersAsync() =>
        (await Deliveries.ListCouriersAsync(new ListCouriersRequest())).Couriers;

    /// <summary>Stock is exactly as seeded: nothing available is missing, nothing is held or consumed.</summary>
    public async Task ShouldHaveStockAsSeededAsync(string restaurantId, params string[] itemIds)
    {
        var stock = await StockAsync(restaurantId);
        foreach (var itemId in itemIds)
        {
            var item = stock[itemId];
            item.Available.Should().Be(item.InitialStock, $"{itemId} must be back to its initial stock");
            item.Held.Should().Be(0, $"no stock of {itemId} may stay held");
            item.Consumed.Should().Be(0, $"no stock of {itemId} may stay consumed");
        }
    }

    /// <summary>No money moved for the order: no payment at all, or one whose net is zero.</summary>
    public async Task<PaymentRecord?> ShouldHaveNetZeroPaymentAsync(string orderId, PaymentStatus? expectedStatus = null)
    {
        var payment = await PaymentAsync(orderId);
        if (payment is not null)
        {
            (payment.Net?.AmountMinor ?? 0).Should().Be(0, "a cancelled or rejected order moves no money");
            if (expectedStatus is { } status)
            {
                payment.Status.Should().Be(status);
            }
        }
        else
        {
            expectedStatus.Should().BeNull("a payment was expected for order {0}", orderId);
        }

        return payment;
    }

    /// <summary>No courier carries the order, and every courier is free again.</summary>
    public async Task ShouldHaveNoCourierHeldAsync(string orderId)
    {
        var assignment = await AssignmentAsync(orderId);
        if (assignment is not null)
        {
            assignment.Status.Should().Be(AssignmentStatus.Cancelled, "the courier assignment must be cancelled");
        }

        (await CouriersAsync()).Should().OnlyContain(c => c.ActiveAssignments == 0, "every courier must be free again");
    }

    /// <summary>The audit over the four databases finds nothing wrong and has judged exactly these many orders.</summary>
    public async Task ShouldAuditCleanAsync(int orders)
    {
        var audit = await Environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersInFlight.Should().BeEmpty(audit.ToString());
        audit.OrdersChecked.Should().Be(orders, audit.ToString());
    }

    public void Dispose()
    {
        _restaurantChannel.Dispose();
        _paymentChannel.Dispose();
        _deliveryChannel.Dispose();
    }

    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>Assertions on refused gRPC calls and on how a saga ended.</summary>
public static class ScenarioAssertions
{
    /// <summary>The call fails with <paramref name="code"/> and an ErrorInfo of <paramref name="reason"/>; returns the exception.</summary>
    public static async Task<RpcException> ShouldBeRefusedAsync(this Func<Task> call, StatusCode code, string reason)
    {
        ArgumentNullException.ThrowIfNull(call);
        var thrown = (await call.Should().ThrowAsync<RpcException>()).Which;
        thrown.StatusCode.Should().Be(code, thrown.Status.Detail);
        var info = thrown.GetRpcStatus()?.GetDetail<ErrorInfo>();
        info.Should().NotBeNull("every refusal carries an ErrorInfo");
        info!.Reason.Should().Be(reason, thrown.Status.Detail);
        return thrown;
    }

    /// <summary>The call fails with INVALID_ARGUMENT; returns the fields its BadRequest names.</summary>
    public static async Task<IReadOnlyList<string>> ShouldBeInvalidAsync(this Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var thrown = (await call.Should().ThrowAsync<RpcException>()).Which;
        thrown.StatusCode.Should().Be(StatusCode.InvalidArgument, thrown.Status.Detail);
        var badRequest = thrown.GetRpcStatus()?.GetDetail<BadRequest>();
        badRequest.Should().NotBeNull("INVALID_ARGUMENT carries BadRequest field violations");
        return [.. badRequest!.FieldViolations.Select(v => v.Field)];
    }

    /// <summary>The saga ended in <paramref name="state"/> with a reason starting with <paramref name="reason"/>.</summary>
    public static void ShouldHaveEnded(this OrderSagaResult result, SagaState state, string reason)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.FinalState.Should().Be(state, result.Reason);
        result.Reason.Should().StartWith(reason);
    }

    /// <summary>The order record went through exactly these statuses (the last is where it is now), the last change explained by <paramref name="reason"/>.</summary>
    public static void ShouldHaveHistory(this OrderRecord order, string reason, params OrderStatus[] statuses)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.Status.Should().Be(statuses[^1]);
        order.History.Select(h => h.To).Should().Equal(statuses);
        order.History[^1].Reason.Should().Contain(reason);
    }
}

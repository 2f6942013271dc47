using System.Diagnostics;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Activities;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;
using Grpc.Net.Client;
using RestaurantAcceptTicketRequest = FoodDelivery.Contracts.Restaurant.V1.AcceptTicketRequest;

namespace FoodDelivery.Bench;

/// <summary>
/// The cost floor: the saga's service calls, in the saga's order and with its idempotency keys ("{orderId}:{step}"),
/// made directly over gRPC with no workflow engine, no worker and no simulator. The restaurant's acceptance and the
/// courier's pickup and delivery happen at once, as the zero-delay simulator makes them happen for the saga. A business
/// refusal runs the registered compensations newest first and closes the order REJECTED, as the saga does; a transport
/// failure is not retried (the engine's job) and counts as a failed order.
/// </summary>
public sealed class BaselineDriver : IOrderDriver, IDisposable
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private readonly OrderFactory _orders;
    private readonly GrpcChannel[] _channels;
    private readonly OrderService.OrderServiceClient _order;
    private readonly PaymentService.PaymentServiceClient _payment;
    private readonly RestaurantService.RestaurantServiceClient _restaurant;
    private readonly DeliveryService.DeliveryServiceClient _delivery;

    public BaselineDriver(Uri order, Uri payment, Uri restaurant, Uri delivery, OrderFactory orders)
    {
        _orders = orders;
        _channels = [GrpcChannel.ForAddress(order), GrpcChannel.ForAddress(payment), GrpcChannel.ForAddress(restaurant), GrpcChannel.ForAddress(delivery)];
        // The baseline makes the saga's calls itself, so it carries the orchestrator's identity (development keys).
        _order = new OrderService.OrderServiceClient(_channels[0].WithDevelopmentTokens());
        _payment = new PaymentService.PaymentServiceClient(_channels[1].WithDevelopmentTokens());
        _restaurant = new RestaurantService.RestaurantServiceClient(_channels[2].WithDevelopmentTokens());
        _delivery = new DeliveryService.DeliveryServiceClient(_channels[3].WithDevelopmentTokens());
    }

    public string Name => "baseline";

    public async Task<OrderOutcome> RunAsync(long n, Scenario scenario, long startedAt, CancellationToken cancellationToken)
    {
        var request = _orders.Create(Name, n, scenario);
        var orderId = OrderFactory.OrderIdOf(request);
        var call = new CallOptions(cancellationToken: cancellationToken);
        string Key(string step) => WireNames.IdempotencyKey(orderId, step);
        CallOptions Options() => call.WithDeadline(DateTime.UtcNow + CallDeadline);

        // PlaceOrder's pricing read, then the saga's steps.
        var menu = await _restaurant.GetMenuAsync(new GetMenuRequest { RestaurantId = request.RestaurantId }, Options());
        var create = new CreateOrderRequest
        {
            IdempotencyKey = Key(SagaSteps.RecordOrder),
            OrderId = orderId,
            CustomerId = request.CustomerId,
            RestaurantId = request.RestaurantId,
            DeliveryAddress = request.DeliveryAddress,
        };
        foreach (var wanted in request.Items)
        {
            var item = menu.Items.Single(i => i.ItemId == wanted.ItemId);
            create.Lines.Add(new OrderLine { ItemId = item.ItemId, Name = item.Name, Quantity = wanted.Quantity, UnitPrice = item.Price });
        }

        var total = new Money { AmountMinor = create.Lines.Sum(l => l.UnitPrice.AmountMinor * l.Quantity), Currency = menu.Items[0].Price.Currency };
        await _order.CreateOrderAsync(create, Options());

        var compensations = new List<(string Step, Func<string, string, Task> Undo)>();
        TimeSpan? toConfirmed = null;
        try
        {
            compensations.Add((SagaSteps.ReleaseItems, (key, reason) =>
                _restaurant.ReleaseItemsAsync(new ReleaseItemsRequest { IdempotencyKey = key, OrderId = orderId, Reason = reason }, Options()).ResponseAsync));
            var reserve = new ReserveItemsRequest { IdempotencyKey = Key(SagaSteps.ReserveItems), OrderId = orderId, RestaurantId = request.RestaurantId };
            reserve.Items.AddRange(request.Items);
            await _restaurant.ReserveItemsAsync(reserve, Options());

            compensations.Add((SagaSteps.VoidOrRefund, (key, reason) =>
                _payment.VoidOrRefundAsync(new VoidOrRefundRequest { IdempotencyKey = key, OrderId = orderId, Reason = reason }, Options()).ResponseAsync));
            await _payment.AuthorizePaymentAsync(
                new AuthorizePaymentRequest
                {
                    IdempotencyKey = Key(SagaSteps.AuthorizePayment),
                    OrderId = orderId,
                    CustomerId = request.CustomerId,
                    Amount = total,
                    PaymentMethodToken = request.PaymentMethodToken,
                },
                Options());

            await _restaurant.AcceptTicketAsync(new RestaurantAcceptTicketRequest { IdempotencyKey = Key(SagaSteps.ConfirmTicket), OrderId = orderId }, Options());

            compensations.Add((SagaSteps.CancelCourier, (key, reason) =>
                _delivery.CancelAssignmentAsync(new CancelAssignmentRequest { IdempotencyKey = key, OrderId = orderId, Reason = reason }, Options()).ResponseAsync));
            var pickup = menu.Restaurant.Address;
            var assignment = await _delivery.AssignCourierAsync(
                new AssignCourierRequest { IdempotencyKey = Key(SagaSteps.AssignCourier), OrderId = orderId, Pickup = pickup, Dropoff = request.DeliveryAddress },
                Options());

            await _payment.CapturePaymentAsync(new CapturePaymentRequest { IdempotencyKey = Key(SagaSteps.CapturePayment), OrderId = orderId }, Options());
            await TransitionAsync(orderId, SagaSteps.ConfirmOrder, OrderStatus.Confirmed, "restaurant accepted, courier assigned, payment captured", Options());
            toConfirmed = Stopwatch.GetElapsedTime(startedAt);

            var courierId = assignment.CourierId;
            await _delivery.ConfirmPickupAsync(new ConfirmPickupRequest { IdempotencyKey = Key(SagaSteps.ConfirmPickup), OrderId = orderId, CourierId = courierId }, Options());
            await TransitionAsync(orderId, SagaSteps.MarkPickedUp, OrderStatus.PickedUp, "the courier picked the order up", Options());
            await _delivery.ConfirmDeliveredAsync(new ConfirmDeliveredRequest { IdempotencyKey = Key(SagaSteps.ConfirmDelivery), OrderId = orderId, CourierId = courierId }, Options());
            await TransitionAsync(orderId, SagaSteps.MarkDelivered, OrderStatus.Delivered, "the courier delivered the order", Options());
            return new OrderOutcome(orderId, scenario, SagaState.Delivered, null, toConfirmed, Stopwatch.GetElapsedTime(startedAt), Error: null);
        }
        catch (RpcException ex) when (ServiceCall.Translate("baseline", ex) is { NonRetryable: true } refusal)
        {
            // A business refusal: undo newest first, then close the order, as the saga's compensation path does.
            var reason = $"{refusal.ErrorType}: {refusal.Message}";
            for (var i = compensations.Count - 1; i >= 0; i--)
            {
                await compensations[i].Undo(Key(compensations[i].Step), reason);
            }

            await TransitionAsync(orderId, SagaSteps.CloseOrder, OrderStatus.Rejected, reason, Options());
            return new OrderOutcome(orderId, scenario, SagaState.Rejected, reason, toConfirmed, Stopwatch.GetElapsedTime(startedAt), Error: null);
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private Task<Contracts.Order.V1.Order> TransitionAsync(string orderId, string step, OrderStatus to, string reason, CallOptions options) =>
        _order.TransitionOrderAsync(
            new TransitionOrderRequest { IdempotencyKey = WireNames.IdempotencyKey(orderId, step), OrderId = orderId, To = to, Reason = reason },
            options).ResponseAsync;
}

using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Ordering;
using FoodDelivery.Order.Orders;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;

namespace FoodDelivery.Order.Api;

/// <summary>
/// The client-facing ordering API: place, track, list, cancel and watch orders. Customers act on their own orders
/// only; operators (support) may read, list and cancel any.
/// </summary>
[AllowCallers(TokenAudience.Clients, Roles.Customer, Roles.Operator)]
public sealed class OrderingGrpcService(
    PlaceOrderHandler placer,
    OrderViews views,
    SagaGateway sagas,
    ListOrdersQuery lister,
    OrderAccess access) : OrderingApi.OrderingApiBase
{
    /// <summary>Only a customer places an order, and only for themselves.</summary>
    [AllowCallers(TokenAudience.Clients, Roles.Customer)]
    public override Task<PlaceOrderResponse> PlaceOrder(PlaceOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidatePlace(request);
        CallerIdentity.Of(context).RequireCustomer(request.CustomerId);
        return placer.PlaceAsync(request, context.CancellationToken);
    }

    public override async Task<OrderView> GetOrderView(GetOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateOrderId(request.OrderId);
        await access.RequireReadableAsync(CallerIdentity.Of(context), request.OrderId, context.CancellationToken);
        return await views.GetAsync(request.OrderId, context.CancellationToken);
    }

    public override Task<ListOrdersResponse> ListCustomerOrders(ListOrdersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        CallerIdentity.Of(context).RequireCustomerOrOperator(request.CustomerId);
        return lister.ListAsync(request, context.CancellationToken);
    }

    public override async Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateCancel(request);
        await access.RequireReadableAsync(CallerIdentity.Of(context), request.OrderId, context.CancellationToken);
        await views.GetAsync(request.OrderId, context.CancellationToken);
        await sagas.CancelAsync(request.OrderId, request.Reason, context.CancellationToken);
        return new CancelOrderResponse { View = await views.GetAsync(request.OrderId, context.CancellationToken) };
    }

    /// <summary>Sends the view now and whenever the saga's history shows it may have changed, until the saga ends.</summary>
    public override async Task WatchOrder(WatchOrderRequest request, IServerStreamWriter<OrderView> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateOrderId(request.OrderId);
        var cancellation = context.CancellationToken;
        await access.RequireReadableAsync(CallerIdentity.Of(context), request.OrderId, cancellation);
        var last = await views.GetAsync(request.OrderId, cancellation);
        await responseStream.WriteAsync(last, cancellation);
        if (last.Saga is null or { Finished: true })
        {
            return;
        }

        await foreach (var _ in ViewChangingEvents.Of(sagas.FollowHistoryAsync(request.OrderId, cancellation), cancellation))
        {
            var view = await views.GetAsync(request.OrderId, cancellation);
            if (!view.Equals(last))
            {
                await responseStream.WriteAsync(view, cancellation);
                last = view;
            }

            if (view.Saga is { Finished: true })
            {
                return;
            }
        }
    }
}

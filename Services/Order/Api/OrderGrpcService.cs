using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Orders;
using FoodDelivery.Order.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;
using OrderMessage = FoodDelivery.Contracts.Order.V1.Order;

namespace FoodDelivery.Order.Api;

/// <summary>The OrderService gRPC endpoint: validates each request, then hands it to the domain (writes run idempotently).</summary>
// Internal API: writes come only from the saga worker; reads also from other services (e.g. pricing).
[AllowCallers(TokenAudience.Internal, Roles.Orchestrator)]
public sealed class OrderGrpcService(
    IdempotentExecutor<OrderDbContext> executor,
    CreateOrderHandler creator,
    TransitionOrderHandler transitioner,
    OrderStore store,
    ListOrdersQuery lister) : OrderService.OrderServiceBase
{
    public override Task<OrderMessage> CreateOrder(CreateOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OrderRequestValidation.ValidateCreate(request);
        return executor.ExecuteAsync(
            CreateOrderHandler.Operation, request, ct => creator.CreateAsync(request, ct), context.CancellationToken);
    }

    public override Task<OrderMessage> TransitionOrder(TransitionOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OrderRequestValidation.ValidateTransition(request);
        return executor.ExecuteAsync(
            TransitionOrderHandler.Operation, request, ct => transitioner.TransitionAsync(request, ct), context.CancellationToken);
    }

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<OrderMessage> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OrderRequestValidation.ValidateGet(request);
        var order = await store.FindReadOnlyAsync(request.OrderId, context.CancellationToken)
            ?? throw ServiceErrors.NotFound("order", request.OrderId);
        return OrderMapper.ToMessage(order);
    }

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override Task<ListOrdersResponse> ListOrders(ListOrdersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Validated by the query itself: checking the page token needs its signing key.
        return lister.ListAsync(request, context.CancellationToken);
    }
}

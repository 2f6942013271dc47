using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Order.Ordering;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;

namespace FoodDelivery.Order.Api;

/// <summary>
/// What restaurants and couriers report. Each report is checked against the saga's status (right restaurant, right
/// courier, right moment) and then signalled to the saga, which stays the only writer of the order. A restaurant
/// token speaks only for its own restaurants' orders, a courier token only for the orders assigned to that courier:
/// anything else is PERMISSION_DENIED.
/// </summary>
public sealed class FulfillmentGrpcService(OrderViews views, SagaGateway sagas) : FulfillmentApi.FulfillmentApiBase
{
    [AllowCallers(TokenAudience.Clients, Roles.Restaurant)]
    public override async Task<FulfillmentResponse> AcceptTicket(AcceptTicketRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateRestaurantReport(request.OrderId, request.RestaurantId, null, reasonRequired: false);
        CallerIdentity.Of(context).RequireRestaurant(request.RestaurantId);
        await RequireAsync(request.OrderId, SagaState.AwaitingRestaurant, restaurantId: request.RestaurantId, courierId: null, context);
        await sagas.SignalAsync(request.OrderId, wf => wf.RestaurantAcceptedAsync(), context.CancellationToken);
        return await RespondAsync(request.OrderId, context);
    }

    [AllowCallers(TokenAudience.Clients, Roles.Restaurant)]
    public override async Task<FulfillmentResponse> RejectTicket(RejectTicketRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateRestaurantReport(request.OrderId, request.RestaurantId, request.Reason, reasonRequired: true);
        CallerIdentity.Of(context).RequireRestaurant(request.RestaurantId);
        await RequireAsync(request.OrderId, SagaState.AwaitingRestaurant, restaurantId: request.RestaurantId, courierId: null, context);
        await sagas.SignalAsync(request.OrderId, wf => wf.RestaurantRejectedAsync(request.Reason), context.CancellationToken);
        return await RespondAsync(request.OrderId, context);
    }

    [AllowCallers(TokenAudience.Clients, Roles.Courier)]
    public override async Task<FulfillmentResponse> ConfirmPickup(CourierReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateCourierReport(request);
        CallerIdentity.Of(context).RequireCourier(request.CourierId);
        await RequireAsync(request.OrderId, SagaState.Confirmed, restaurantId: null, courierId: request.CourierId, context);
        await sagas.SignalAsync(request.OrderId, wf => wf.CourierPickedUpAsync(request.CourierId), context.CancellationToken);
        return await RespondAsync(request.OrderId, context);
    }

    [AllowCallers(TokenAudience.Clients, Roles.Courier)]
    public override async Task<FulfillmentResponse> ConfirmDelivered(CourierReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        OrderingRequestValidation.ValidateCourierReport(request);
        CallerIdentity.Of(context).RequireCourier(request.CourierId);
        await RequireAsync(request.OrderId, SagaState.PickedUp, restaurantId: null, courierId: request.CourierId, context);
        await sagas.SignalAsync(request.OrderId, wf => wf.CourierDeliveredAsync(request.CourierId), context.CancellationToken);
        return await RespondAsync(request.OrderId, context);
    }

    private async Task RequireAsync(string orderId, SagaState expected, string? restaurantId, string? courierId, ServerCallContext context)
    {
        var status = await sagas.QueryStatusAsync(orderId, context.CancellationToken)
            ?? throw ServiceErrors.NotFound("order saga", orderId);
        if (restaurantId is not null
            && await views.RestaurantOfAsync(orderId, context.CancellationToken) is { } orderedFrom
            && orderedFrom != restaurantId)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.WrongRestaurant, $"order '{orderId}' is not for restaurant '{restaurantId}'", code: StatusCode.PermissionDenied);
        }

        if (courierId is not null && status.CourierId is { } assigned && assigned != courierId)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.WrongCourier, $"order '{orderId}' is assigned to another courier", code: StatusCode.PermissionDenied);
        }

        if (status.State != expected)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.IllegalTransition,
                $"order '{orderId}' is {status.State}; this report is only accepted while it is {expected}",
                [new("state", status.State.ToString()), new("expected", expected.ToString())]);
        }
    }

    private async Task<FulfillmentResponse> RespondAsync(string orderId, ServerCallContext context) =>
        new() { View = await views.GetAsync(orderId, context.CancellationToken) };
}

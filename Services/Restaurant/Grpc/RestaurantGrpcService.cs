using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.Restaurant.Reservations;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Grpc;

/// <summary>
/// The RestaurantService RPCs. Thin on purpose: validate the request (before any write), then run the effect through
/// the idempotent executor, which stores its outcome under the idempotency key in the same transaction.
/// </summary>
// Internal API: writes come only from the saga worker; reads also from other services (e.g. pricing).
[AllowCallers(TokenAudience.Internal, Roles.Orchestrator)]
public sealed class RestaurantGrpcService(
    RestaurantDbContext db,
    IdempotentExecutor<RestaurantDbContext> executor,
    StockReserver reserver,
    ReservationReleaser releaser,
    TicketDesk tickets) : RestaurantService.RestaurantServiceBase
{
    /// <summary>Most units of one item a single order may reserve.</summary>
    public const int MaxQuantityPerItem = 100;

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<ListRestaurantsResponse> ListRestaurants(ListRestaurantsRequest request, ServerCallContext context)
    {
        var restaurants = await db.Restaurants.AsNoTracking().OrderBy(r => r.Id).ToListAsync(context.CancellationToken);
        var response = new ListRestaurantsResponse();
        response.Restaurants.AddRange(restaurants.Select(r => r.ToContract()));
        return response;
    }

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<GetMenuResponse> GetMenu(GetMenuRequest request, ServerCallContext context)
    {
        new RequestValidator().Id(request.RestaurantId, "restaurant_id").ThrowIfInvalid();
        var restaurant = await db.Restaurants.AsNoTracking()
            .Include(r => r.MenuItems)
            .FirstOrDefaultAsync(r => r.Id == request.RestaurantId, context.CancellationToken)
            ?? throw ServiceErrors.NotFound("restaurant", request.RestaurantId);
        var response = new GetMenuResponse { Restaurant = restaurant.ToContract() };
        response.Items.AddRange(restaurant.MenuItems.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => i.ToContract()));
        return response;
    }

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<Reservation> GetReservation(GetReservationRequest request, ServerCallContext context)
    {
        new RequestValidator().Id(request.OrderId, "order_id").ThrowIfInvalid();
        var reservation = await db.Reservations.AsNoTracking()
            .FirstOrDefaultAsync(r => r.OrderId == request.OrderId, context.CancellationToken)
            ?? throw RestaurantErrors.ReservationNotFound(request.OrderId);
        return reservation.ToContract();
    }

    public override Task<Reservation> ReserveItems(ReserveItemsRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Id(request.RestaurantId, "restaurant_id")
            .Items(request.Items, "items", maxQuantity: MaxQuantityPerItem)
            .ThrowIfInvalid();
        var items = request.Items.Select(i => (i.ItemId, i.Quantity)).ToList();
        return executor.ExecuteAsync(
            nameof(ReserveItems),
            request,
            async ct => (await reserver.ReserveAsync(request.OrderId, request.RestaurantId, items, ct)).ToContract(),
            context.CancellationToken);
    }

    public override Task<ReleaseItemsResponse> ReleaseItems(ReleaseItemsRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Text(request.Reason, "reason")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(
            nameof(ReleaseItems),
            request,
            async ct =>
            {
                var outcome = await releaser.ReleaseAsync(request.OrderId, NullIfBlank(request.Reason), ct);
                return new ReleaseItemsResponse { Reservation = outcome.Reservation.ToContract(), Released = outcome.Released };
            },
            context.CancellationToken);
    }

    public override Task<Reservation> AcceptTicket(AcceptTicketRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(
            nameof(AcceptTicket),
            request,
            async ct => (await tickets.AcceptAsync(request.OrderId, ct)).ToContract(),
            context.CancellationToken);
    }

    public override Task<Reservation> RejectTicket(RejectTicketRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Text(request.Reason, "reason")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(
            nameof(RejectTicket),
            request,
            async ct => (await tickets.RejectAsync(request.OrderId, NullIfBlank(request.Reason), ct)).ToContract(),
            context.CancellationToken);
    }

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

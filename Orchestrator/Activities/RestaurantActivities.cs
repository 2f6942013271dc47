using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using Microsoft.Extensions.Options;
using Temporalio.Activities;

namespace FoodDelivery.Orchestrator.Activities;

/// <summary>The saga's calls to the Restaurant service: hold stock, confirm it on acceptance, give it back.</summary>
public sealed class RestaurantActivities(RestaurantService.RestaurantServiceClient client, IOptions<ServiceCallOptions> options)
{
    private const string Service = "restaurant";

    [Activity]
    public async Task<ReservationResult> ReserveItemsAsync(ReserveItemsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new ReserveItemsRequest
        {
            IdempotencyKey = input.IdempotencyKey,
            OrderId = input.OrderId,
            RestaurantId = input.RestaurantId,
        };
        request.Items.AddRange(input.Lines.Select(l => new ItemQuantity { ItemId = l.ItemId, Quantity = l.Quantity }));
        var reservation = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.ReserveItemsAsync(request, o));
        return new ReservationResult(
            reservation.Total?.AmountMinor ?? 0, reservation.Total?.Currency ?? string.Empty, reservation.ExpiresAt?.ToDateTime());
    }

    /// <summary>The restaurant accepted: its stock hold becomes consumed stock. Fails with HOLD_EXPIRED when too late.</summary>
    [Activity]
    public async Task ConfirmTicketAsync(OrderStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new AcceptTicketRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId };
        await ServiceCall.InvokeAsync(Service, options.Value.CallDeadline, o => client.AcceptTicketAsync(request, o));
    }

    /// <summary>Compensation of ReserveItems (and of ConfirmTicket): the stock goes back.</summary>
    [Activity]
    public async Task<CompensationResult> ReleaseItemsAsync(CompensationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new ReleaseItemsRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId, Reason = input.Reason };
        var response = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.ReleaseItemsAsync(request, o));
        return new CompensationResult(
            response.Released,
            response.Released ? "stock released" : $"nothing held (reservation {response.Reservation?.Status})");
    }
}

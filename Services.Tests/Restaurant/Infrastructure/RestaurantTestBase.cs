using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Restaurant.V1;

namespace FoodDelivery.Restaurant.Tests.Infrastructure;

/// <summary>Starts a fresh service (fresh database) for every test and offers short request builders.</summary>
public abstract class RestaurantTestBase : IAsyncLifetime
{
    public const string Pizzeria = "rest-pizzeria";

    private TestRestaurantService? _service;

    protected TestRestaurantService Service => _service ?? throw new InvalidOperationException("not started");

    protected RestaurantService.RestaurantServiceClient Client => Service.Client;

    /// <summary>Extra configuration for this test class.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _service = await TestRestaurantService.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    protected static ReserveItemsRequest ReserveRequest(string orderId, params (string ItemId, int Quantity)[] items) =>
        ReserveRequest(orderId, $"{orderId}:reserve", Pizzeria, items);

    protected static ReserveItemsRequest ReserveRequest(
        string orderId, string key, string restaurantId, params (string ItemId, int Quantity)[] items)
    {
        var request = new ReserveItemsRequest { IdempotencyKey = key, OrderId = orderId, RestaurantId = restaurantId };
        request.Items.AddRange(items.Select(i => new ItemQuantity { ItemId = i.ItemId, Quantity = i.Quantity }));
        return request;
    }

    protected Task<Reservation> ReserveAsync(string orderId, params (string ItemId, int Quantity)[] items) =>
        Client.ReserveItemsAsync(ReserveRequest(orderId, items)).ResponseAsync;

    protected Task<ReleaseItemsResponse> ReleaseAsync(string orderId, string? key = null) =>
        Client.ReleaseItemsAsync(new ReleaseItemsRequest
        {
            IdempotencyKey = key ?? $"{orderId}:release",
            OrderId = orderId,
            Reason = "saga compensation",
        }).ResponseAsync;

    protected Task<Reservation> AcceptAsync(string orderId, string? key = null) =>
        Client.AcceptTicketAsync(new AcceptTicketRequest { IdempotencyKey = key ?? $"{orderId}:accept", OrderId = orderId })
            .ResponseAsync;

    protected Task<Reservation> RejectAsync(string orderId, string? key = null) =>
        Client.RejectTicketAsync(new RejectTicketRequest
        {
            IdempotencyKey = key ?? $"{orderId}:reject",
            OrderId = orderId,
            Reason = "kitchen closed",
        }).ResponseAsync;
}

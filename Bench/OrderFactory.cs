using System.Globalization;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;

namespace FoodDelivery.Bench;

/// <summary>
/// The PlaceOrder request of each benchmark order, from the seed data (shared/seed menus): the happy path orders one
/// item that <see cref="StockFiller"/> stocks generously, a declined order pays with tok_declined, an out-of-stock
/// order asks for two of the single-unit omakase.
/// </summary>
public sealed class OrderFactory(string runId)
{
    public const string HappyRestaurant = "rest-pizzeria";
    public const string HappyItem = "item-margherita";
    public const string ScarceRestaurant = "rest-sushi";
    public const string ScarceItem = "item-omakase";

    /// <summary>Customers rotate so that no customer's order list grows without bound.</summary>
    private const int Customers = 100;

    public static Address DeliveryAddress { get; } = new()
    {
        Street = "Skalitzer Strasse 1",
        City = "Berlin",
        PostalCode = "10999",
        Country = "DE",
    };

    /// <summary>The n-th order of a phase ("saga", "baseline", ...): ids are unique per run, phase and n.</summary>
    public PlaceOrderRequest Create(string phase, long n, Scenario scenario)
    {
        var (restaurant, item, quantity) = scenario == Scenario.OutOfStock
            ? (ScarceRestaurant, ScarceItem, 2)
            : (HappyRestaurant, HappyItem, 1);
        return new PlaceOrderRequest
        {
            ClientRequestId = string.Create(CultureInfo.InvariantCulture, $"{runId}-{phase}-{n}"),
            CustomerId = string.Create(CultureInfo.InvariantCulture, $"bench-{phase}-{n % Customers}"),
            RestaurantId = restaurant,
            DeliveryAddress = DeliveryAddress,
            PaymentMethodToken = scenario == Scenario.Declined ? "tok_declined" : "tok_visa",
            Items = { new ItemQuantity { ItemId = item, Quantity = quantity } },
        };
    }

    /// <summary>The order id the Order API gives this request (the same derivation, so the simulator can follow it first).</summary>
    public static string OrderIdOf(PlaceOrderRequest request) =>
        WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
}

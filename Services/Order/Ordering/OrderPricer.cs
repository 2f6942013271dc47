using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Errors;
using Grpc.Core;

namespace FoodDelivery.Order.Ordering;

/// <summary>
/// Prices a PlaceOrder request from the restaurant's current menu (a read; nothing is written), so the saga starts
/// with the exact lines and total that the payment will authorize. Unknown or inactive items are refused up front.
/// </summary>
public sealed class OrderPricer(RestaurantService.RestaurantServiceClient restaurants)
{
    public async Task<PricedOrder> PriceAsync(string restaurantId, IReadOnlyList<ItemQuantity> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        GetMenuResponse menu;
        try
        {
            menu = await restaurants.GetMenuAsync(
                new GetMenuRequest { RestaurantId = restaurantId },
                deadline: DateTime.UtcNow.AddSeconds(5),
                cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw ServiceErrors.NotFound("restaurant", restaurantId);
        }

        var byId = menu.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var unavailable = items.Where(i => !byId.TryGetValue(i.ItemId, out var item) || !item.Active).Select(i => i.ItemId).ToList();
        if (unavailable.Count > 0)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.ItemUnavailable,
                $"not on the menu of '{restaurantId}' or unavailable: {string.Join(", ", unavailable)}",
                [new(ErrorReasons.ItemsMetadataKey, string.Join(",", unavailable))]);
        }

        var lines = items.Select(i => byId[i.ItemId])
            .Zip(items, (item, wanted) => new SagaOrderLine(item.ItemId, item.Name, wanted.Quantity, item.Price.AmountMinor))
            .ToList();
        var currencies = items.Select(i => byId[i.ItemId].Price.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count != 1)
        {
            throw ServiceErrors.Rejected(ErrorReasons.CurrencyMismatch, $"the items are priced in several currencies: {string.Join(", ", currencies)}");
        }

        var total = checked(lines.Sum(l => l.UnitPriceMinor * l.Quantity));
        var address = menu.Restaurant.Address;
        var pickup = new SagaAddress(address.Street, address.City, address.PostalCode, address.Country);
        return new PricedOrder(lines, currencies[0], total, pickup);
    }
}

/// <summary>The lines with their current prices, the total, and where the courier picks the order up.</summary>
public sealed record PricedOrder(IReadOnlyList<SagaOrderLine> Lines, string Currency, long TotalMinor, SagaAddress PickupAddress);

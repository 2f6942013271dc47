using FoodDelivery.Restaurant.Domain;

namespace FoodDelivery.Restaurant.Menus;

/// <summary>
/// The demo restaurants and menus (EUR prices in cents). Ids are fixed so that demos, tests and docs can name them.
/// Two items exist for demos of refusals: <c>item-truffle-pizza</c> is inactive (ITEM_UNAVAILABLE) and
/// <c>item-omakase</c> has a single unit (the second order gets OUT_OF_STOCK).
/// </summary>
public static class MenuSeed
{
    public const string Currency = "EUR";

    public static IReadOnlyList<RestaurantEntity> Restaurants() =>
    [
        Restaurant("rest-pizzeria", "Pizzeria Napoli", "Oranienstrasse 12", "Berlin", "10999",
        [
            Item("item-margherita", "Pizza Margherita", 950, 50),
            Item("item-diavola", "Pizza Diavola", 1150, 40),
            Item("item-quattro-formaggi", "Pizza Quattro Formaggi", 1250, 30),
            Item("item-tiramisu", "Tiramisu", 650, 20),
            Item("item-truffle-pizza", "Truffle Pizza (seasonal, off the menu)", 1890, 10, active: false),
        ]),
        Restaurant("rest-sushi", "Sushi Kaito", "Kastanienallee 7", "Berlin", "10435",
        [
            Item("item-salmon-nigiri", "Salmon Nigiri (2 pcs)", 590, 60),
            Item("item-california-roll", "California Roll", 890, 40),
            Item("item-miso-soup", "Miso Soup", 350, 80),
            Item("item-omakase", "Chef's Omakase (one per night)", 4500, 1),
        ]),
        Restaurant("rest-burger", "Burger Brothers", "Torstrasse 88", "Berlin", "10119",
        [
            Item("item-classic-burger", "Classic Burger", 1090, 50),
            Item("item-cheeseburger", "Cheeseburger", 1190, 50),
            Item("item-fries", "Fries", 390, 100),
            Item("item-milkshake", "Vanilla Milkshake", 490, 30),
        ]),
    ];

    private static RestaurantEntity Restaurant(
        string id, string name, string street, string city, string postalCode, Func<string, MenuItem>[] items)
    {
        var restaurant = new RestaurantEntity
        {
            Id = id,
            Name = name,
            Street = street,
            City = city,
            PostalCode = postalCode,
            Country = "DE",
        };
        restaurant.MenuItems.AddRange(items.Select(create => create(id)));
        return restaurant;
    }

    private static Func<string, MenuItem> Item(string id, string name, long priceMinor, int stock, bool active = true) =>
        restaurantId => MenuItem.Create(id, restaurantId, name, priceMinor, Currency, stock, active);
}

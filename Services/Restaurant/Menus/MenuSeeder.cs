using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Restaurant.Menus;

/// <summary>
/// Adds the <see cref="MenuSeed"/> restaurants and items that are missing, at every start. Existing rows are left
/// alone, so a restart never resets stock that orders have already moved.
/// </summary>
public sealed class MenuSeeder : IDatabaseSeeder<RestaurantDbContext>
{
    public async Task SeedAsync(RestaurantDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var knownRestaurants = await db.Restaurants.Select(r => r.Id).ToHashSetAsync(cancellationToken);
        var knownItems = await db.MenuItems.Select(i => i.Id).ToHashSetAsync(cancellationToken);
        foreach (var restaurant in MenuSeed.Restaurants())
        {
            if (knownRestaurants.Contains(restaurant.Id))
            {
                db.MenuItems.AddRange(restaurant.MenuItems.Where(i => !knownItems.Contains(i.Id)));
            }
            else
            {
                db.Restaurants.Add(restaurant);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

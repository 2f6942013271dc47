using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Persistence;
using FoodDelivery.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Delivery.Seeding;

/// <summary>
/// Makes sure couriers "courier-1" to "courier-N" exist, on shift, with the configured capacity. Runs at every start:
/// it only adds missing couriers and never touches existing ones (their capacity and current load stay as they are).
/// </summary>
public sealed class CourierSeeder(IOptions<CourierSeedOptions> options) : IDatabaseSeeder<DeliveryDbContext>
{
    private static readonly string[] Names =
    [
        "Ada Swift", "Ben Pedals", "Chloe Rapid", "Dev Wheeler", "Elif Dash",
        "Femi Spoke", "Greta Quick", "Hugo Lane", "Ines Sprint", "Jonas Route",
    ];

    public async Task SeedAsync(DeliveryDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seed = options.Value;
        var existing = await db.Couriers.Select(c => c.CourierId).ToListAsync(cancellationToken);
        var known = existing.ToHashSet(StringComparer.Ordinal);
        for (var number = 1; number <= seed.CourierCount; number++)
        {
            var id = CourierId(number);
            if (!known.Contains(id))
            {
                db.Couriers.Add(new Courier { CourierId = id, Name = NameOf(number), Capacity = seed.CourierCapacity, OnShift = true });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static string CourierId(int number) => $"courier-{number}";

    private static string NameOf(int number) =>
        number <= Names.Length ? Names[number - 1] : $"Courier {number}";
}

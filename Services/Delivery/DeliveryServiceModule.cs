using FoodDelivery.Delivery.Assignments;
using FoodDelivery.Delivery.Grpc;
using FoodDelivery.Delivery.Persistence;
using FoodDelivery.Delivery.Seeding;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Delivery;

/// <summary>The delivery service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class DeliveryServiceModule : ServiceModule
{
    public override string Name => "delivery";

    public override int DefaultPort => 5104;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceDatabase<DeliveryDbContext>(configuration, Name);
        services.AddScoped<IdempotentExecutor<DeliveryDbContext>>();

        services.AddOptions<CourierSeedOptions>()
            .Bind(configuration.GetSection(CourierSeedOptions.SectionName))
            .Validate(o => o.CourierCount >= 0, "Delivery:Seed:CourierCount must not be negative")
            .Validate(o => o.CourierCapacity >= 1, "Delivery:Seed:CourierCapacity must be at least 1")
            .ValidateOnStart();
        services.AddScoped<IDatabaseSeeder<DeliveryDbContext>, CourierSeeder>();

        services.AddScoped<CourierSelector>();
        services.AddScoped<AssignCourierHandler>();
        services.AddScoped<CancelAssignmentHandler>();
        services.AddScoped<ConfirmPickupHandler>();
        services.AddScoped<ConfirmDeliveredHandler>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<DeliveryGrpcService>();
}

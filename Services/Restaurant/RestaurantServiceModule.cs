using FoodDelivery.Restaurant.Grpc;
using FoodDelivery.Restaurant.Menus;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.Restaurant.Reservations;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Restaurant;

/// <summary>The restaurant service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class RestaurantServiceModule : ServiceModule
{
    // PeriodicTimer cannot wait longer than about 49 days; a sweep interval anywhere near that is a typo anyway.
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromDays(7);

    public override string Name => "restaurant";

    public override int DefaultPort => 5103;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RestaurantOptions>()
            .Bind(configuration.GetSection(RestaurantOptions.SectionName))
            .Validate(o => o.HoldDuration > TimeSpan.Zero, "Restaurant:HoldDuration must be positive")
            .Validate(
                o => o.ExpirySweepInterval > TimeSpan.Zero && o.ExpirySweepInterval <= MaxSweepInterval,
                $"Restaurant:ExpirySweepInterval must be positive and at most {MaxSweepInterval}")
            .Validate(o => o.ExpirySweepBatchSize > 0, "Restaurant:ExpirySweepBatchSize must be positive")
            .ValidateOnStart();

        services.AddServiceDatabase<RestaurantDbContext>(configuration, Name);
        services.AddScoped<IDatabaseSeeder<RestaurantDbContext>, MenuSeeder>();
        services.AddScoped<IdempotentExecutor<RestaurantDbContext>>();

        services.AddScoped<StockReserver>();
        services.AddScoped<ReservationReleaser>();
        services.AddScoped<TicketDesk>();
        services.AddScoped<HoldExpirySweeper>();
        services.AddHostedService<HoldExpiryService>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<RestaurantGrpcService>();
}

using FoodDelivery.ServiceDefaults.Hosting;

namespace FoodDelivery.Restaurant;

/// <summary>The restaurant service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class RestaurantServiceModule : ServiceModule
{
    public override string Name => "restaurant";

    public override int DefaultPort => 5103;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

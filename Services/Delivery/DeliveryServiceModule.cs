using FoodDelivery.ServiceDefaults.Hosting;

namespace FoodDelivery.Delivery;

/// <summary>The delivery service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class DeliveryServiceModule : ServiceModule
{
    public override string Name => "delivery";

    public override int DefaultPort => 5104;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

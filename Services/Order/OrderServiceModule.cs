using FoodDelivery.ServiceDefaults.Hosting;

namespace FoodDelivery.Order;

/// <summary>The order service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class OrderServiceModule : ServiceModule
{
    public override string Name => "order";

    public override int DefaultPort => 5101;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

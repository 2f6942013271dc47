using FoodDelivery.Order.Api;
using FoodDelivery.Order.Orders;
using FoodDelivery.Order.Paging;
using FoodDelivery.Order.Persistence;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Order;

/// <summary>The order service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class OrderServiceModule : ServiceModule
{
    public override string Name => "order";

    public override int DefaultPort => 5101;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OrderOptions>(configuration.GetSection(OrderOptions.SectionName));
        services.AddServiceDatabase<OrderDbContext>(configuration, Name);
        services.AddScoped<IdempotentExecutor<OrderDbContext>>();
        services.AddScoped<OrderStore>();
        services.AddScoped<CreateOrderHandler>();
        services.AddScoped<TransitionOrderHandler>();
        services.AddScoped<ListOrdersQuery>();
        services.AddSingleton<PageTokenCodec>();
        // No seeder: orders come from the saga.
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<OrderGrpcService>();
}

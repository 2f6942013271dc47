using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator.Activities;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.Order.Api;
using FoodDelivery.Order.Ordering;
using FoodDelivery.Order.Orders;
using FoodDelivery.Order.Paging;
using FoodDelivery.Order.Persistence;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Persistence;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Transport;
using Temporalio.Client;

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
        AddOrdering(services, configuration);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<OrderGrpcService>();
        endpoints.MapGrpcService<OrderingGrpcService>();
        endpoints.MapGrpcService<FulfillmentGrpcService>();
        endpoints.MapGrpcService<OperatorGrpcService>();
    }

    /// <summary>The client-facing APIs: they start and drive each order's saga through Temporal.</summary>
    private static void AddOrdering(IServiceCollection services, IConfiguration configuration)
    {
        var temporal = TemporalOptions.From(configuration);
        // The client connects on first use, so the service starts (and serves its internal API) while Temporal is down.
        services.AddSingleton<FinishedSagaStatuses>();
        services.AddSingleton(provider => new SagaGateway(
            temporal,
            temporal.Address is null ? null : TemporalClient.CreateLazy(temporal.ToConnectOptions()),
            provider.GetRequiredService<FinishedSagaStatuses>()));
        if (temporal.Address is not null)
        {
            // The saga's input (address, payment token) is encrypted with Temporal:Encryption; the public development key is refused in Production.
            services.AddDevelopmentKeyGuard(temporal.Encryption);
        }

        services.Configure<SagaTimeoutSettings>(configuration.GetSection(SagaTimeoutSettings.SectionName));
        services.AddSingleton<SagaTimeoutsProvider>();
        var endpoints = configuration.GetSection(ServiceCallOptions.SectionName).Get<ServiceCallOptions>() ?? new ServiceCallOptions();
        // Pricing reads menus with the order service's own identity (internal audience, reads only).
        var identity = ServiceCredential.From(configuration, "order", Roles.Service);
        services.AddGrpcClient<RestaurantService.RestaurantServiceClient>(o => o.Address = endpoints.Restaurant)
            .AddInterceptor(identity.Interceptor)
            .UseServiceTransport(configuration);
        services.AddScoped<OrderPricer>();
        services.AddScoped<OrderViews>();
        services.AddScoped<OrderAccess>();
        services.AddScoped<PlaceOrderHandler>();
    }
}

using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator.Activities;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Orchestrator.Telemetry;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Temporalio.Extensions.Hosting;

namespace FoodDelivery.Orchestrator.Hosting;

public static class OrderSagaWorkerRegistration
{
    /// <summary>
    /// Registers the saga worker as a hosted service: the gRPC clients of the four services (addresses and per-call
    /// deadline from the "Services" section), the activities, and the workflow, polling <see cref="TemporalOptions.TaskQueue"/>.
    /// </summary>
    public static IServiceCollection AddOrderSagaWorker(
        this IServiceCollection services, IConfiguration configuration, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(temporal);
        var section = configuration.GetSection(ServiceCallOptions.SectionName);
        services.Configure<ServiceCallOptions>(section);
        var endpoints = section.Get<ServiceCallOptions>() ?? new ServiceCallOptions();
        // Every activity call carries the worker's service identity: the only credential the services' writes accept.
        var identity = ServiceCredential.From(configuration, "orchestrator", Roles.Orchestrator);
        // With Transport:Tls client settings, https:// addresses get mTLS: the worker's certificate, the services' private CA.
        void AddServiceClient<TClient>(Uri address)
            where TClient : class =>
            services.AddGrpcClient<TClient>(o => o.Address = address).AddInterceptor(identity.Interceptor).UseServiceTransport(configuration);
        AddServiceClient<OrderService.OrderServiceClient>(endpoints.Order);
        AddServiceClient<PaymentService.PaymentServiceClient>(endpoints.Payment);
        AddServiceClient<RestaurantService.RestaurantServiceClient>(endpoints.Restaurant);
        AddServiceClient<DeliveryService.DeliveryServiceClient>(endpoints.Delivery);

        services
            .AddHostedTemporalWorker(temporal.TaskQueue)
            .ConfigureOptions(options =>
            {
                options.ClientOptions = temporal.ToConnectOptions();
                options.ClientOptions.Runtime = TemporalRuntimes.For(TemporalRuntimeMetricsOptions.From(configuration));
                options.Interceptors = [new SagaMetricsInterceptor()];
            })
            .AddScopedActivities<OrderActivities>()
            .AddScopedActivities<RestaurantActivities>()
            .AddScopedActivities<PaymentActivities>()
            .AddScopedActivities<DeliveryActivities>()
            .AddWorkflow<OrderSagaWorkflow>();
        return services;
    }
}

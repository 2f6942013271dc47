using FoodDelivery.Payment.Domain;
using FoodDelivery.Payment.Grpc;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Persistence;

namespace FoodDelivery.Payment;

/// <summary>The payment service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class PaymentServiceModule : ServiceModule
{
    public override string Name => "payment";

    public override int DefaultPort => 5102;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentOptions>()
            .Bind(configuration.GetSection(PaymentOptions.SectionName))
            .Validate(o => o.MaxAmountMinor > 0, "Payment:MaxAmountMinor must be greater than zero")
            .ValidateOnStart();

        // No seeder: payments exist only for real orders; seeded ones would be money without an order.
        services.AddServiceDatabase<PaymentDbContext>(configuration, Name);
        services.AddScoped<IdempotentExecutor<PaymentDbContext>>();
        services.AddScoped<AuthorizePaymentHandler>();
        services.AddScoped<CapturePaymentHandler>();
        services.AddScoped<VoidOrRefundHandler>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<PaymentGrpcService>();
}

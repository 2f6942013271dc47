using FoodDelivery.ServiceDefaults.Hosting;

namespace FoodDelivery.Payment;

/// <summary>The payment service's Add/Map pair, used by its own Program.cs and by in-process compositions.</summary>
public sealed class PaymentServiceModule : ServiceModule
{
    public override string Name => "payment";

    public override int DefaultPort => 5102;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

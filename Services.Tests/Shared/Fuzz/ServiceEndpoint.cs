using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>Where a running service listens, read from its own server (for raw calls next to the typed client).</summary>
public static class ServiceEndpoint
{
    public static Uri AddressOf(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return new Uri(addresses!.Addresses.First());
    }
}

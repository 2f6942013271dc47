using Microsoft.AspNetCore.Builder;

namespace FoodDelivery.ServiceDefaults.Hosting;

/// <summary>A started service: where it listens and its container; disposing it stops it.</summary>
public sealed class RunningService(string name, Uri address, WebApplication app) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>e.g. http://127.0.0.1:5103 (h2c: gRPC over cleartext HTTP/2).</summary>
    public Uri Address { get; } = address;

    public IServiceProvider Services => app.Services;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

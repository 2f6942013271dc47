using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Persistence;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FoodDelivery.Order.Tests;

/// <summary>
/// The real order service on a loopback port with its own SQLite file in a fresh temp folder, a fake clock, fault
/// injection switched on (inert until a test asks for a fault) and a gRPC client.
/// </summary>
public sealed class OrderServiceFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "fooddelivery-order-tests", Guid.NewGuid().ToString("N"));
    private RunningService? _service;
    private GrpcChannel? _channel;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public OrderService.OrderServiceClient Client { get; private set; } = null!;

    public FaultInjector Faults => Service.Services.GetRequiredService<FaultInjector>();

    private RunningService Service => _service ?? throw new InvalidOperationException("the service is not started");

    public async Task InitializeAsync()
    {
        _service = await ServiceHost.StartAsync(new OrderServiceModule(), new ServiceHostOptions
        {
            Port = 0,
            DataDirectory = _dataDirectory,
            Settings = { ["FaultInjection:Enabled"] = "true" },
            ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock),
        });
        _channel = GrpcChannel.ForAddress(_service.Address);
        Client = new OrderService.OrderServiceClient(_channel.WithDevelopmentTokens());
    }

    /// <summary>A DI scope of the running service, e.g. to call a domain class directly.</summary>
    public AsyncServiceScope CreateScope() => Service.Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="read"/> against the service's own database.</summary>
    public async Task<T> ReadDatabaseAsync<T>(Func<OrderDbContext, Task<T>> read)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrderDbContext>());
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be closing; the folder is under the temp directory anyway.
        }
    }
}

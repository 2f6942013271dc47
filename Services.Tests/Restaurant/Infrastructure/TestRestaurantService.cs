using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Persistence;
using FoodDelivery.Restaurant.Reservations;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using DomainMenuItem = FoodDelivery.Restaurant.Domain.MenuItem;

namespace FoodDelivery.Restaurant.Tests.Infrastructure;

/// <summary>
/// The real restaurant service on a free loopback port with its own SQLite file in a fresh temp folder, a fake clock,
/// a gRPC client, and direct access to its database for counting effects.
/// </summary>
public sealed class TestRestaurantService : IAsyncDisposable
{
    /// <summary>The fake clock starts here (UTC).</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly RunningService _service;
    private readonly GrpcChannel _channel;
    private readonly string _dataDirectory;
    private readonly bool _ownsDataDirectory;

    private TestRestaurantService(RunningService service, FakeTimeProvider time, string dataDirectory, bool ownsDataDirectory)
    {
        _service = service;
        _dataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Time = time;
        _channel = GrpcChannel.ForAddress(service.Address);
        Client = new RestaurantService.RestaurantServiceClient(_channel.WithDevelopmentTokens());
    }

    public RestaurantService.RestaurantServiceClient Client { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _service.Services;

    public FaultInjector Faults => Services.GetRequiredService<FaultInjector>();

    /// <summary>
    /// Starts the service. The background sweeper ticks once a day unless the settings say otherwise, so tests drive
    /// expiry through <see cref="SweepAsync"/>. Pass a data directory to reuse one (it is then not deleted).
    /// </summary>
    public static async Task<TestRestaurantService> StartAsync(
        IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("restaurant-tests-").FullName;
        var time = new FakeTimeProvider(StartTime);
        var allSettings = new Dictionary<string, string?> { ["Restaurant:ExpirySweepInterval"] = "1.00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            allSettings[key] = value;
        }

        try
        {
            var service = await ServiceHost.StartAsync(
                new RestaurantServiceModule(),
                new ServiceHostOptions
                {
                    Port = 0,
                    DataDirectory = dataDirectory,
                    Settings = allSettings,
                    ConfigureServices = services => services.AddSingleton<TimeProvider>(time),
                });
            return new TestRestaurantService(service, time, dataDirectory, ownsDirectory);
        }
        catch when (ownsDirectory)
        {
            DeleteDirectory(dataDirectory);
            throw;
        }
    }

    public async Task<T> QueryAsync<T>(Func<RestaurantDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RestaurantDbContext>());
    }

    public Task<DomainMenuItem> ItemAsync(string itemId) =>
        QueryAsync(db => db.MenuItems.AsNoTracking().SingleAsync(i => i.Id == itemId));

    public Task<int> ReservationCountAsync() => QueryAsync(db => db.Reservations.CountAsync());

    public Task<int> IdempotencyRecordCountAsync() => QueryAsync(db => db.IdempotencyRecords.CountAsync());

    /// <summary>Adds an item with exactly this stock to a seeded restaurant.</summary>
    public Task AddItemAsync(string itemId, int stock, string restaurantId = "rest-pizzeria", string currency = "EUR") =>
        QueryAsync(async db =>
        {
            db.MenuItems.Add(DomainMenuItem.Create(itemId, restaurantId, $"Test item {itemId}", 1000, currency, stock));
            return await db.SaveChangesAsync();
        });

    /// <summary>One run of the hold expiry sweep, as the background service would do it.</summary>
    public async Task<int> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HoldExpirySweeper>().SweepAsync(CancellationToken.None);
    }

    /// <summary>Asserts, for every item, initial = available + held + consumed and no bucket below zero.</summary>
    public async Task AssertStockInvariantHoldsAsync()
    {
        var items = await QueryAsync(db => db.MenuItems.AsNoTracking().ToListAsync());
        items.Should().NotBeEmpty();
        items.Should().AllSatisfy(i =>
        {
            i.InitialStock.Should().Be(i.Available + i.Held + i.Consumed, $"item {i.Id} must balance");
            i.Available.Should().BeGreaterThanOrEqualTo(0);
            i.Held.Should().BeGreaterThanOrEqualTo(0);
            i.Consumed.Should().BeGreaterThanOrEqualTo(0);
        });
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _service.DisposeAsync();
        if (_ownsDataDirectory)
        {
            DeleteDirectory(_dataDirectory);
        }
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be closing; the OS temp folder is cleaned eventually.
        }
    }
}

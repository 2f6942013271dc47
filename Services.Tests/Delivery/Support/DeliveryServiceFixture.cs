using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.Delivery.Persistence;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Courier = FoodDelivery.Delivery.Domain.Courier;

namespace FoodDelivery.Delivery.Tests.Support;

/// <summary>
/// One real delivery service per test: gRPC over loopback on a free port, its own SQLite file in a fresh temp folder,
/// a fake clock, fault injection enabled, and couriers seeded as the test asks.
/// </summary>
public sealed class DeliveryServiceFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly GrpcChannel _channel;
    private readonly bool _ownsDataDirectory;

    private DeliveryServiceFixture(RunningService service, string dataDirectory, FakeTimeProvider time, bool ownsDataDirectory)
    {
        Service = service;
        DataDirectory = dataDirectory;
        Time = time;
        _ownsDataDirectory = ownsDataDirectory;
        _channel = GrpcChannel.ForAddress(service.Address);
        Client = new DeliveryService.DeliveryServiceClient(_channel.WithDevelopmentTokens());
    }

    public RunningService Service { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    public DeliveryService.DeliveryServiceClient Client { get; }

    public FaultInjector Faults => Service.Services.GetRequiredService<FaultInjector>();

    /// <summary>Starts the service with <paramref name="couriers"/> seeded couriers of <paramref name="capacity"/> each.</summary>
    public static Task<DeliveryServiceFixture> StartAsync(int couriers = 5, int capacity = 2) =>
        StartAsync(couriers, capacity, dataDirectory: null);

    /// <summary>Starts a service on an existing data folder (a restart); the caller keeps ownership of the folder.</summary>
    public static async Task<DeliveryServiceFixture> StartAsync(int couriers, int capacity, string? dataDirectory)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("delivery-tests-").FullName;
        var time = new FakeTimeProvider(Start);
        var service = await ServiceHost.StartAsync(new DeliveryServiceModule(), new ServiceHostOptions
        {
            Port = 0,
            DataDirectory = dataDirectory,
            Settings =
            {
                ["FaultInjection:Enabled"] = "true",
                ["Delivery:Seed:CourierCount"] = couriers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Delivery:Seed:CourierCapacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            ConfigureServices = services => services.AddSingleton<TimeProvider>(time),
        });
        return new DeliveryServiceFixture(service, dataDirectory, time, ownsDataDirectory);
    }

    /// <summary>Reads (or changes) the service's database directly, in a scope of its own.</summary>
    public async Task<T> WithDbAsync<T>(Func<DeliveryDbContext, Task<T>> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        await using var scope = Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        return await use(db);
    }

    public Task<Courier> CourierAsync(string courierId) =>
        WithDbAsync(db => db.Couriers.AsNoTracking().SingleAsync(c => c.CourierId == courierId));

    public Task<int> AssignmentCountAsync() => WithDbAsync(db => db.Assignments.CountAsync());

    public Task<int> IdempotencyRecordCountAsync() => WithDbAsync(db => db.IdempotencyRecords.CountAsync());

    /// <summary>
    /// The service's central invariant: every courier's ActiveAssignments equals its ASSIGNED or PICKED_UP
    /// assignments, and never exceeds its capacity.
    /// </summary>
    public async Task AssertCapacityInvariantAsync()
    {
        var (couriers, holding) = await WithDbAsync(async db =>
        {
            var all = await db.Couriers.AsNoTracking().ToListAsync();
            var live = await db.Assignments.AsNoTracking()
                .Where(a => a.Status == AssignmentState.Assigned || a.Status == AssignmentState.PickedUp)
                .GroupBy(a => a.CourierId)
                .Select(g => new { CourierId = g.Key!, Count = g.Count() })
                .ToDictionaryAsync(x => x.CourierId, x => x.Count);
            return (all, live);
        });
        foreach (var courier in couriers)
        {
            courier.ActiveAssignments.Should().Be(
                holding.GetValueOrDefault(courier.CourierId), $"{courier.CourierId}'s load must match its live assignments");
            courier.ActiveAssignments.Should().BeInRange(0, courier.Capacity);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Service.DisposeAsync();
        if (_ownsDataDirectory)
        {
            DeleteDataDirectory(DataDirectory);
        }
    }

    public static void DeleteDataDirectory(string dataDirectory)
    {
        // Pooled SQLite connections keep the file open until the pool is cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

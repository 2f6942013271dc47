using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FoodDelivery.Payment.Tests;

/// <summary>
/// The real payment service on a free loopback port with its own SQLite file in a fresh temp folder, a gRPC client
/// for it, and a fake clock. Disposing stops the service and deletes the folder.
/// </summary>
public sealed class PaymentTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset StartTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dataDirectory;
    private readonly RunningService _service;
    private readonly GrpcChannel _channel;

    private PaymentTestHost(string dataDirectory, RunningService service, FakeTimeProvider time)
    {
        _dataDirectory = dataDirectory;
        _service = service;
        Time = time;
        _channel = GrpcChannel.ForAddress(service.Address);
        Client = new PaymentService.PaymentServiceClient(_channel.WithDevelopmentTokens());
    }

    public FakeTimeProvider Time { get; }

    public PaymentService.PaymentServiceClient Client { get; }

    public FaultInjector Faults => _service.Services.GetRequiredService<FaultInjector>();

    public static async Task<PaymentTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "payment-tests-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(StartTime);
        try
        {
            var service = await ServiceHost.StartAsync(
                new PaymentServiceModule(),
                new ServiceHostOptions
                {
                    Port = 0,
                    DataDirectory = dataDirectory,
                    Settings = settings ?? new Dictionary<string, string?>(),
                    ConfigureServices = services => services.AddSingleton<TimeProvider>(time),
                });
            return new PaymentTestHost(dataDirectory, service, time);
        }
        catch
        {
            DeleteDirectory(dataDirectory);
            throw;
        }
    }

    /// <summary>Reads the service's database directly, e.g. to count ledger entries behind the API's back.</summary>
    public async Task<T> QueryAsync<T>(Func<PaymentDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = _service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentDbContext>());
    }

    /// <summary>A scope of the running service, for tests that need two DbContexts at once.</summary>
    public AsyncServiceScope CreateScope() => _service.Services.CreateAsyncScope();

    /// <summary>How many rows each table holds: the effect of a call, or proof that nothing was written.</summary>
    public Task<RowCounts> CountRowsAsync() => QueryAsync(async db => new RowCounts(
        await db.Payments.CountAsync(),
        await db.LedgerEntries.CountAsync(),
        await db.IdempotencyRecords.CountAsync()));

    /// <summary>The ledger entry kinds of an order's payment, in sequence order.</summary>
    public Task<List<MovementKind>> LedgerKindsAsync(string orderId) => QueryAsync(db =>
        db.LedgerEntries
            .Where(e => db.Payments.Any(p => p.Id == e.PaymentId && p.OrderId == orderId))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Kind)
            .ToListAsync());

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _service.DisposeAsync();
        DeleteDirectory(_dataDirectory);
    }

    private static void DeleteDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the temp folder is cleaned by the OS eventually.
        }
    }
}

public sealed record RowCounts(int Payments, int LedgerEntries, int IdempotencyRecords);

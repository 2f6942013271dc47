namespace FoodDelivery.ServiceDefaults.Persistence;

/// <summary>
/// Queues this process's write transactions on one service's SQLite file, asynchronously. SQLite has one writer at a time, and
/// Microsoft.Data.Sqlite waits for a busy database by polling with Thread.Sleep(150) on a thread-pool thread: under a
/// burst of concurrent writes the waiters block threads and each waits in 150 ms steps (30 concurrent assignments took
/// over 10 s). Waiting here costs no thread and hands the lock over at once. SQL Server gets no gate: its writers run
/// concurrently and the optimistic-concurrency tokens settle conflicts.
/// </summary>
public sealed class SqliteWriteGate<TContext>(DatabaseOptions options) : IDisposable
    where TContext : ServiceDbContext
{
    private readonly SemaphoreSlim? _gate = options.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_gate is null)
        {
            return await write();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate?.Dispose();
}

using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Persistence;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.ServiceDefaults.Idempotency;

/// <summary>
/// Runs a mutating request at most once per idempotency key.
/// <para>
/// The effect and the record of its outcome commit in one transaction, so either both exist or neither does. A repeat
/// with the same key and the same request replays the stored outcome (success or final refusal); the same key with a
/// different request is refused with IDEMPOTENCY_KEY_REUSED. Retryable refusals (e.g. no courier free yet) and
/// NOT_FOUND are not stored, so a later repeat can succeed. On SQLite, writers queue in-process on an async gate
/// instead of spinning on the file lock. Lost optimistic-concurrency races are retried here, from a clean slate.
/// </para>
/// </summary>
public sealed class IdempotentExecutor<TContext>(TContext db, TimeProvider time, SqliteWriteGate<TContext> writeGate)
    where TContext : ServiceDbContext
{
    private const int MaxAttempts = 8;

    public async Task<TResponse> ExecuteAsync<TResponse>(
        string operation,
        IMessage request,
        Func<CancellationToken, Task<TResponse>> effect,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(effect);
        var key = RequestFingerprint.KeyOf(request)
            ?? throw new InvalidOperationException($"{request.Descriptor.FullName} has no idempotency_key field");
        var fingerprint = RequestFingerprint.Compute(operation, request);

        // SQL Server's retrying execution strategy only allows transactions it can replay as a whole: one attempt is
        // one such unit. SQLite's strategy simply runs it once.
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await writeGate.RunAsync(
                    () => strategy.ExecuteAsync(ct => AttemptAsync(key, operation, fingerprint, effect, ct), cancellationToken),
                    cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another request changed the same rows (concurrency token) or stored the same key first (primary
                // key): start over; the next attempt sees the winner's state or its stored outcome.
            }
            catch (DbUpdateException)
            {
                throw ServiceErrors.Contention($"gave up after {MaxAttempts} attempts under contention; retry");
            }
        }
    }

    private async Task<TResponse> AttemptAsync<TResponse>(
        string key,
        string operation,
        byte[] fingerprint,
        Func<CancellationToken, Task<TResponse>> effect,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (existing is not null)
        {
            return Replay<TResponse>(existing, key, fingerprint);
        }

        TResponse response;
        try
        {
            response = await effect(cancellationToken);
        }
        catch (ServiceException refusal) when (!refusal.Retryable && refusal.Code != Grpc.Core.StatusCode.NotFound)
        {
            // A final refusal is an outcome too: store it (and nothing else) so a repeat gets the same answer. The
            // effect's changes are discarded: an effect that must persist something before refusing saves it itself.
            // NOT_FOUND is not stored: what is missing now (a step that has not arrived yet) may exist on a retry.
            db.ChangeTracker.Clear();
            db.IdempotencyRecords.Add(NewRecord(key, operation, fingerprint, null, refusal.Status.ToByteArray()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            throw;
        }

        db.IdempotencyRecords.Add(NewRecord(key, operation, fingerprint, response.ToByteArray(), null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    private static TResponse Replay<TResponse>(IdempotencyRecord record, string key, byte[] fingerprint)
        where TResponse : IMessage<TResponse>, new()
    {
        if (!record.RequestHash.AsSpan().SequenceEqual(fingerprint))
        {
            throw ServiceErrors.IdempotencyKeyReused(key);
        }

        if (record.Error is not null)
        {
            throw new ServiceException(Google.Rpc.Status.Parser.ParseFrom(record.Error), retryable: false);
        }

        var response = new TResponse();
        response.MergeFrom(record.Response ?? []);
        return response;
    }

    private IdempotencyRecord NewRecord(string key, string operation, byte[] fingerprint, byte[]? response, byte[]? error) =>
        new()
        {
            Key = key,
            Operation = operation,
            RequestHash = fingerprint,
            Response = response,
            Error = error,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
}

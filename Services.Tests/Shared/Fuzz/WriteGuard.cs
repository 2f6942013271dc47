using Grpc.Core;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// Wraps one fuzzed call: the answer must be acceptable (<see cref="RpcOutcome.ShouldBeAcceptable"/>), and a refused
/// request must leave every table of the service's SQLite file as it was. The one write a refusal may make is the
/// service's documented idempotency contract: a final business refusal is stored under the request's own key (one
/// IdempotencyRecords row holding that refusal), so a repeat gets the same answer. Read RPCs write nothing at all.
/// </summary>
public sealed class WriteGuard(SqliteTableCounts counts)
{
    public SqliteTableCounts Counts { get; } = counts;

    /// <summary>Checks a typed call (one that throws RpcException when refused).</summary>
    public Task<GuardedOutcome> CheckAsync(FuzzCall call, params (StatusCode Code, string Reason)[] alsoAllowed)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CheckAsync(() => RpcOutcome.OfAsync(call.Send), call.IdempotencyKey, call.IsRead, [.. alsoAllowed, .. call.AlsoAllowed]);
    }

    public async Task<GuardedOutcome> CheckAsync(
        Func<Task<RpcOutcome>> call,
        string? idempotencyKey,
        bool isRead,
        params (StatusCode Code, string Reason)[] alsoAllowed)
    {
        ArgumentNullException.ThrowIfNull(call);
        var before = await Counts.ReadAsync();
        var outcome = await call();
        outcome.ShouldBeAcceptable(alsoAllowed);
        var after = await Counts.ReadAsync();
        var changed = Changes(before, after);
        if (isRead)
        {
            changed.Should().BeEmpty($"a read writes nothing (answer: {outcome})");
        }
        else if (!outcome.IsOk && changed.Count > 0)
        {
            changed.Should().Equal(
                [new KeyValuePair<string, long>(SqliteTableCounts.IdempotencyTable, 1)],
                $"a refused request writes nothing but its own stored refusal (answer: {outcome})");
            var storedUnderItsKey = idempotencyKey is not null && await Counts.HoldsRefusalAsync(idempotencyKey);
            storedUnderItsKey.Should().BeTrue($"the only row a refusal may add is the refusal itself under its key (answer: {outcome})");
        }

        return new GuardedOutcome(outcome, changed);
    }

    /// <summary>Tables whose row count changed, with the difference (after minus before).</summary>
    public static IReadOnlyDictionary<string, long> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in before.Keys.Union(after.Keys))
        {
            var difference = after.GetValueOrDefault(table) - before.GetValueOrDefault(table);
            if (difference != 0)
            {
                changes[table] = difference;
            }
        }

        return changes;
    }
}

/// <summary>The answer of a guarded call and the row-count changes it made.</summary>
public sealed record GuardedOutcome(RpcOutcome Outcome, IReadOnlyDictionary<string, long> Changes);

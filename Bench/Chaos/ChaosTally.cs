using System.Collections.Concurrent;

namespace FoodDelivery.Bench.Chaos;

/// <summary>What the orders of a chaos run went through, counted as each one ends (thread-safe).</summary>
public sealed class ChaosTally
{
    private readonly ConcurrentDictionary<string, long> _retriesByActivity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _compensationsByStep = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _sagasInFlight = new(StringComparer.Ordinal);
    private int _started;
    private int _ended;
    private long _placeOrderRetries;
    private long _engineCallRetries;

    /// <summary>Orders placed (or being placed) so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Orders whose outcome is known (ended, parked in NEEDS_ATTENTION, or given up on).</summary>
    public int Ended => Volatile.Read(ref _ended);

    /// <summary>Workflow ids of the sagas placed (or being placed) whose outcome is not known yet.</summary>
    public IReadOnlyList<string> SagasInFlight => [.. _sagasInFlight.Keys];

    public long PlaceOrderRetries => Interlocked.Read(ref _placeOrderRetries);

    /// <summary>Calls to the engine (result, query, history) repeated because it did not answer.</summary>
    public long EngineCallRetries => Interlocked.Read(ref _engineCallRetries);

    /// <summary>Activity attempts beyond the first, by activity type, from the sagas' histories.</summary>
    public IReadOnlyDictionary<string, long> RetriesByActivity => new SortedDictionary<string, long>(_retriesByActivity, StringComparer.Ordinal);

    /// <summary>Compensations the sagas ran, by step, from their results.</summary>
    public IReadOnlyDictionary<string, long> CompensationsByStep => new SortedDictionary<string, long>(_compensationsByStep, StringComparer.Ordinal);

    public void OrderStarted(string workflowId)
    {
        _sagasInFlight[workflowId] = 0;
        Interlocked.Increment(ref _started);
    }

    public void OrderEnded(string workflowId)
    {
        _sagasInFlight.TryRemove(workflowId, out _);
        Interlocked.Increment(ref _ended);
    }

    public void PlaceOrderRetried() => Interlocked.Increment(ref _placeOrderRetries);

    public void EngineCallRetried() => Interlocked.Increment(ref _engineCallRetries);

    public void ActivityRetried(string activityType, long retries) => _retriesByActivity.AddOrUpdate(activityType, retries, (_, n) => n + retries);

    public void CompensationRun(string step) => _compensationsByStep.AddOrUpdate(step, 1, (_, n) => n + 1);
}

using System.Collections.Concurrent;

namespace FoodDelivery.Orchestrator.Telemetry;

/// <summary>
/// Keeps <see cref="SagaMetrics.OrdersNeedingAttention"/> exact within this worker process: a run counts once while
/// parked, however often its history is replayed (cache eviction, restart), because entering and leaving are keyed
/// by run id instead of being skipped on replay. Limits: a run parked before this process started is counted from
/// the moment it is loaded again (e.g. by the operator's answer); a run terminated while parked stays counted.
/// </summary>
internal static class NeedsAttentionTracker
{
    private static readonly ConcurrentDictionary<string, bool> ParkedRuns = new(StringComparer.Ordinal);

    public static void Enter(string runId)
    {
        if (ParkedRuns.TryAdd(runId, true))
        {
            SagaMetrics.NeedingAttention.Add(1);
        }
    }

    public static void Leave(string runId)
    {
        if (ParkedRuns.TryRemove(runId, out _))
        {
            SagaMetrics.NeedingAttention.Add(-1);
        }
    }
}

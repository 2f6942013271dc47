using FoodDelivery.DevServer.Engine;
using Temporalio.Api.History.V1;

namespace FoodDelivery.DevServer.Persistence;

/// <summary>Everything an engine file holds, as loaded at start.</summary>
internal sealed record StoredState(TimeSpan ClockOffset, IReadOnlyList<NamespaceEntry> Namespaces, IReadOnlyList<StoredRun> Runs);

/// <summary>One saved run, in creation order (<see cref="Sequence"/>).</summary>
internal sealed record StoredRun(long Sequence, RunRecord Record, IReadOnlyList<HistoryEvent> History);

/// <summary>
/// The state changes of one engine call, written in one transaction before the call answers: new namespaces, the
/// clock offset, each changed run's new events and state, and runs retention removed.
/// </summary>
internal sealed class StoreChanges
{
    public List<NamespaceEntry> Namespaces { get; } = [];

    public TimeSpan? ClockOffset { get; set; }

    public List<(long Sequence, RunRecord Record, IReadOnlyList<HistoryEvent> NewEvents)> Runs { get; } = [];

    public List<string> DeletedRunIds { get; } = [];
}

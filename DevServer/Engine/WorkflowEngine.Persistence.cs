using FoodDelivery.DevServer.Persistence;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// Durability (with <see cref="DevServerOptions.DbFileName"/>): every call enters the engine through
/// <see cref="EnterGate"/>; what it changed (runs touched, namespaces registered, runs retention removed, the clock
/// offset) is written to the file in one transaction when it leaves, still holding the lock, so no answer and no
/// task handed to a worker goes out before its state is on disk. At start, <see cref="Restore"/> loads the file and
/// re-arms every deadline and queue entry from the saved state.
/// </summary>
internal sealed partial class WorkflowEngine
{
    private readonly HashSet<WorkflowRun> _touched = [];
    private readonly List<string> _deletedRunIds = [];
    private List<NamespaceEntry>? _pendingNamespaces;
    private long _lastRunSequence;
    private TimeSpan _persistedClockOffset;
    private int _gateDepth;
    private bool _storeClosed;

    /// <summary>Takes the engine lock; leaving the scope first saves what the call changed (outermost scope only).</summary>
    private GateScope EnterGate()
    {
        _gate.Enter();
        _gateDepth++;
        return new GateScope(this);
    }

    private void LeaveGate()
    {
        try
        {
            if (_gateDepth == 1)
            {
                PersistChanges();
            }
        }
        finally
        {
            _gateDepth--;
            _gate.Exit();
        }
    }

    /// <summary>Marks the run as changed by the current call (caller holds the lock).</summary>
    private void Touch(WorkflowRun run)
    {
        if (_store is not null)
        {
            _touched.Add(run);
        }
    }

    /// <summary>Retention removed the run: it leaves the file too.</summary>
    private void ForgetInStore(WorkflowRun run)
    {
        if (_store is not null)
        {
            _touched.Remove(run);
            _deletedRunIds.Add(run.RunId);
        }
    }

    private void PersistChanges()
    {
        if (_store is null)
        {
            return;
        }

        var offset = _clock.Offset;
        var namespaces = _pendingNamespaces ??= [];
        if (_touched.Count == 0 && _deletedRunIds.Count == 0 && namespaces.Count == 0 && offset == _persistedClockOffset)
        {
            return;
        }

        // A change after the file was closed (shutdown) must not be acknowledged: the caller gets an error instead.
        ObjectDisposedException.ThrowIf(_storeClosed, _store);
        var changes = new StoreChanges { ClockOffset = offset != _persistedClockOffset ? offset : null };
        changes.Namespaces.AddRange(namespaces);
        foreach (var run in _touched)
        {
            changes.Runs.Add((run.Sequence, RunRecords.ToRecord(run), run.EventsFrom(run.PersistedEventCount).ToList()));
        }

        changes.DeletedRunIds.AddRange(_deletedRunIds);
        _store.Write(changes);

        // Only after the commit: a failed write leaves everything marked, so the next call writes it again.
        foreach (var run in _touched)
        {
            run.PersistedEventCount = run.HistoryLength;
        }

        _touched.Clear();
        _deletedRunIds.Clear();
        namespaces.Clear();
        _persistedClockOffset = offset;
    }

    private void CloseStore()
    {
        if (_store is null)
        {
            return;
        }

        using (EnterGate())
        {
            _storeClosed = true;
            _touched.Clear();
            _deletedRunIds.Clear();
            _pendingNamespaces?.Clear();
            _persistedClockOffset = _clock.Offset;
            _store.Dispose();
        }
    }

    /// <summary>
    /// Rebuilds the engine from the file and resumes it: timers and timeouts whose time passed while the engine was
    /// down fire at once (the scheduler runs them first), waiting tasks go back to their queues, and a workflow task
    /// that a worker held when the engine stopped times out now and is dispatched again (the worker may be gone).
    /// </summary>
    private void Restore(StoredState state)
    {
        _clock.Advance(state.ClockOffset);
        _persistedClockOffset = state.ClockOffset;
        foreach (var entry in state.Namespaces)
        {
            _namespaces.Restore(entry);
        }

        var restored = new List<WorkflowRun>();
        foreach (var stored in state.Runs)
        {
            var run = RunRecords.FromRecord(stored.Record, stored.Sequence, stored.History, Touch);
            _lastRunSequence = Math.Max(_lastRunSequence, stored.Sequence);
            _runsById[run.RunId] = run;
            if (!_runsByWorkflowId.TryGetValue((run.Namespace, run.WorkflowId), out var runs))
            {
                runs = [];
                _runsByWorkflowId[(run.Namespace, run.WorkflowId)] = runs;
            }

            runs.Add(run);
            restored.Add(run);
        }

        foreach (var run in restored.Where(r => !r.IsOpen).OrderBy(r => r.CloseTime))
        {
            _closedRuns.AddLast(run);
        }

        foreach (var run in restored.Where(r => r.IsOpen))
        {
            _openRuns.Add(run);
            Resume(run);
        }

        EnforceRetention(Now);
    }

    /// <summary>Re-arms an open run's deadlines and queue entries from its saved state.</summary>
    private void Resume(WorkflowRun run)
    {
        ScheduleRunDeadline(run);
        var task = run.WorkflowTask;
        if (task.Phase == WorkflowTaskPhase.None && run.ExecutionTime > run.StartTime && task.ScheduledEventId == 0)
        {
            ArmStartDelay(run);
        }

        foreach (var timer in run.Timers.Values.Where(t => !t.FiredWhileBuffered))
        {
            ArmUserTimer(run, timer);
        }

        foreach (var activity in run.Activities.Values)
        {
            ArmScheduleToCloseTimeout(run, activity);
            switch (activity.Phase)
            {
                case ActivityPhase.Scheduled:
                    EnqueueActivityAttempt(run, activity);
                    break;
                case ActivityPhase.Started:
                    ArmRunningAttemptTimeouts(run, activity);
                    break;
                case ActivityPhase.Backoff:
                    ArmRetryBackoff(run, activity);
                    break;
            }
        }

        if (task.Phase == WorkflowTaskPhase.Scheduled)
        {
            DispatchWorkflowTask(run);
        }
        else if (task.Phase == WorkflowTaskPhase.Started)
        {
            OnWorkflowTaskTimeout(run, task.ScheduledEventId);
        }
    }

    /// <summary>
    /// Test hook: compares every retained run in memory with what the file holds (read through a second connection,
    /// under the engine lock so nothing changes meanwhile). Returns the differences; empty when the file is exact.
    /// </summary>
    internal List<string> CompareMemoryWithFile()
    {
        using (EnterGate())
        {
            using var reader = EngineStore.Open(_options.DbFileName ?? throw new InvalidOperationException("the engine has no file"));
            var stored = reader.Load().Runs.ToDictionary(r => r.Record.RunId);
            var differences = new List<string>();
            foreach (var run in _runsById.Values)
            {
                if (!stored.Remove(run.RunId, out var saved))
                {
                    differences.Add($"run {run.RunId} is not in the file");
                    continue;
                }

                var memoryState = System.Text.Json.JsonSerializer.Serialize(RunRecords.ToRecord(run), RunRecordJson.Default.RunRecord);
                var fileState = System.Text.Json.JsonSerializer.Serialize(saved.Record, RunRecordJson.Default.RunRecord);
                if (memoryState != fileState)
                {
                    differences.Add($"run {run.RunId} state differs:\n memory {memoryState}\n file   {fileState}");
                }

                var memoryEvents = run.History.Select(e => e.ToString()).ToList();
                var fileEvents = saved.History.Select(e => e.ToString()).ToList();
                if (!memoryEvents.SequenceEqual(fileEvents))
                {
                    differences.Add($"run {run.RunId} history differs: {memoryEvents.Count} events in memory, {fileEvents.Count} in the file");
                }
            }

            differences.AddRange(stored.Keys.Select(id => $"run {id} is in the file but not in memory"));
            return differences;
        }
    }

    /// <summary>The engine lock held by one call; disposing it saves the call's changes and releases the lock.</summary>
    private readonly ref struct GateScope(WorkflowEngine engine)
    {
        public void Dispose() => engine.LeaveGate();
    }
}

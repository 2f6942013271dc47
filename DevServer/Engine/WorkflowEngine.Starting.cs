using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.ErrorDetails.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>What a new run starts with (from a start request or a continue-as-new command).</summary>
internal sealed record RunStart
{
    public required NamespaceEntry Namespace { get; init; }

    public required string WorkflowId { get; init; }

    public required string WorkflowType { get; init; }

    public required string TaskQueue { get; init; }

    public Payloads? Input { get; init; }

    public Header? Header { get; init; }

    public Memo? Memo { get; init; }

    public SearchAttributes? SearchAttributes { get; init; }

    public TimeSpan RunTimeout { get; init; }

    public TimeSpan ExecutionTimeout { get; init; }

    public TimeSpan WorkflowTaskTimeout { get; init; }

    public TimeSpan StartDelay { get; init; }

    public string RequestId { get; init; } = "";

    public string Identity { get; init; } = "";

    public RetryPolicy? RetryPolicy { get; init; }

    public string? ContinuedFromRunId { get; init; }

    public string? FirstExecutionRunId { get; init; }

    public DateTime? ExecutionExpiration { get; init; }

    public Failure? ContinuedFailure { get; init; }

    public Payloads? LastCompletionResult { get; init; }

    public ContinueAsNewInitiator Initiator { get; init; }
}

/// <summary>StartWorkflowExecution, SignalWithStartWorkflowExecution and creating runs (also for continue-as-new).</summary>
internal sealed partial class WorkflowEngine
{
    private static readonly TimeSpan DefaultWorkflowTaskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxWorkflowTaskTimeout = TimeSpan.FromMinutes(2);

    public StartWorkflowExecutionResponse StartWorkflowExecution(StartWorkflowExecutionRequest request)
    {
        using (EnterGate())
        {
            var start = ValidateStart(
                request.Namespace, request.WorkflowId, request.WorkflowType?.Name, request.TaskQueue?.Name,
                request.WorkflowExecutionTimeout, request.WorkflowRunTimeout, request.WorkflowTaskTimeout) with
            {
                Input = request.Input,
                Header = request.Header,
                Memo = request.Memo,
                SearchAttributes = request.SearchAttributes,
                StartDelay = ToTimeSpan(request.WorkflowStartDelay),
                RequestId = request.RequestId,
                Identity = request.Identity,
                RetryPolicy = request.RetryPolicy,
            };

            var existing = ResolveExistingRun(start, request.WorkflowIdReusePolicy, request.WorkflowIdConflictPolicy);
            if (existing is not null)
            {
                return new StartWorkflowExecutionResponse
                {
                    RunId = existing.RunId,
                    Started = existing.StartRequestId == request.RequestId && request.RequestId.Length > 0,
                    Status = existing.Status,
                };
            }

            var run = CreateRun(start, afterStarted: null);
            var response = new StartWorkflowExecutionResponse { RunId = run.RunId, Started = true, Status = run.Status };
            if (request.RequestEagerExecution && run.WorkflowTask.Phase == WorkflowTaskPhase.Scheduled)
            {
                // Eager start: the worker in the starting process gets the first task in this response (its queue
                // entry goes stale and is skipped if polled).
                response.EagerWorkflowTask = TryStartWorkflowTask(new WorkflowTaskItem(run, run.WorkflowTask.Generation), request.Identity);
            }

            return response;
        }
    }

    public SignalWithStartWorkflowExecutionResponse SignalWithStartWorkflowExecution(SignalWithStartWorkflowExecutionRequest request)
    {
        using (EnterGate())
        {
            var start = ValidateStart(
                request.Namespace, request.WorkflowId, request.WorkflowType?.Name, request.TaskQueue?.Name,
                request.WorkflowExecutionTimeout, request.WorkflowRunTimeout, request.WorkflowTaskTimeout) with
            {
                Input = request.Input,
                Header = request.Header,
                Memo = request.Memo,
                SearchAttributes = request.SearchAttributes,
                StartDelay = ToTimeSpan(request.WorkflowStartDelay),
                RequestId = request.RequestId,
                Identity = request.Identity,
                RetryPolicy = request.RetryPolicy,
            };
            RpcErrors.Require(request.SignalName.Length > 0, "SignalName is not set on request.");

            HistoryEvent Signal() => new()
            {
                EventType = EventType.WorkflowExecutionSignaled,
                WorkflowExecutionSignaledEventAttributes = new()
                {
                    SignalName = request.SignalName,
                    Input = request.SignalInput,
                    Identity = request.Identity,
                    Header = request.Header,
                },
            };

            void AppendSignal(WorkflowRun run) => run.AppendEvent(Signal(), Now);

            var current = LatestRun(start.Namespace.Name, start.WorkflowId);
            if (current is { IsOpen: true } && request.WorkflowIdConflictPolicy != WorkflowIdConflictPolicy.TerminateExisting)
            {
                AddWorkflowInput(current, BufferedInput.Of(Signal()));
                return new SignalWithStartWorkflowExecutionResponse { RunId = current.RunId, Started = false };
            }

            // A signal-with-start never fails because the workflow runs: the conflict case was handled above.
            var conflict = request.WorkflowIdConflictPolicy == WorkflowIdConflictPolicy.TerminateExisting
                ? WorkflowIdConflictPolicy.TerminateExisting
                : WorkflowIdConflictPolicy.UseExisting;
            ResolveExistingRun(start, request.WorkflowIdReusePolicy, conflict);
            var run = CreateRun(start, AppendSignal);
            return new SignalWithStartWorkflowExecutionResponse { RunId = run.RunId, Started = true };
        }
    }

    private RunStart ValidateStart(
        string @namespace, string workflowId, string? workflowType, string? taskQueue,
        Duration? executionTimeout, Duration? runTimeout, Duration? taskTimeout)
    {
        var entry = _namespaces.Get(@namespace);
        RpcErrors.Require(workflowId.Length > 0, "WorkflowId is not set on request.");
        RpcErrors.Require(!string.IsNullOrEmpty(workflowType), "WorkflowType is not set on request.");
        RpcErrors.Require(!string.IsNullOrEmpty(taskQueue), "TaskQueue is not set on request.");
        RpcErrors.Require(ToTimeSpan(executionTimeout) >= TimeSpan.Zero, "Invalid WorkflowExecutionTimeout.");
        RpcErrors.Require(ToTimeSpan(runTimeout) >= TimeSpan.Zero, "Invalid WorkflowRunTimeout.");
        RpcErrors.Require(ToTimeSpan(taskTimeout) >= TimeSpan.Zero, "Invalid WorkflowTaskTimeout.");
        return new RunStart
        {
            Namespace = entry,
            WorkflowId = workflowId,
            WorkflowType = workflowType!,
            TaskQueue = taskQueue!,
            ExecutionTimeout = ToTimeSpan(executionTimeout),
            RunTimeout = ToTimeSpan(runTimeout),
            WorkflowTaskTimeout = ToTimeSpan(taskTimeout),
        };
    }

    /// <summary>
    /// Applies request-id dedupe, the id conflict policy (a run is open) and the id reuse policy (only closed runs).
    /// Returns the run to answer with instead of starting, or null to start a new run.
    /// </summary>
    private WorkflowRun? ResolveExistingRun(RunStart start, WorkflowIdReusePolicy reuse, WorkflowIdConflictPolicy conflict)
    {
        var current = LatestRun(start.Namespace.Name, start.WorkflowId);
        if (current is null)
        {
            return null;
        }

        if (start.RequestId.Length > 0 && current.StartRequestId == start.RequestId)
        {
            return current;
        }

        if (current.IsOpen)
        {
            if (conflict == WorkflowIdConflictPolicy.UseExisting)
            {
                return current;
            }

            if (conflict == WorkflowIdConflictPolicy.TerminateExisting)
            {
                TerminateRun(current, "terminated by a new start with the same workflow id", null, start.Identity);
                return null;
            }

            throw AlreadyStarted(current, "Workflow execution is already running.");
        }

        var closedCleanly = current.Status is WorkflowExecutionStatus.Completed or WorkflowExecutionStatus.ContinuedAsNew;
        return reuse switch
        {
            WorkflowIdReusePolicy.RejectDuplicate =>
                throw AlreadyStarted(current, "Workflow execution already finished and its workflow id reuse policy is reject duplicate."),
            WorkflowIdReusePolicy.AllowDuplicateFailedOnly when closedCleanly =>
                throw AlreadyStarted(current, "Workflow execution already finished successfully and its workflow id reuse policy allows duplicates of failed runs only."),
            _ => null,
        };
    }

    private static RpcException AlreadyStarted(WorkflowRun current, string reason) =>
        RpcErrors.WithDetail(
            StatusCode.AlreadyExists,
            $"{reason} WorkflowId: {current.WorkflowId}, RunId: {current.RunId}.",
            new WorkflowExecutionAlreadyStartedFailure { StartRequestId = current.StartRequestId, RunId = current.RunId });

    private WorkflowRun CreateRun(RunStart start, Action<WorkflowRun>? afterStarted, string? runId = null)
    {
        var now = Now;
        runId ??= Guid.NewGuid().ToString();
        var run = new WorkflowRun(start.Namespace.Name, start.WorkflowId, runId, start.WorkflowType, start.TaskQueue, Touch)
        {
            Sequence = ++_lastRunSequence,
            StartTime = now,
            ExecutionTime = now + start.StartDelay,
            FirstExecutionRunId = start.FirstExecutionRunId ?? runId,
            StartRequestId = start.RequestId,
            WorkflowTaskTimeout = NormalizeTaskTimeout(start.WorkflowTaskTimeout),
            ExecutionTimeout = start.ExecutionTimeout,
            RunTimeout = start.RunTimeout > TimeSpan.Zero ? start.RunTimeout : start.ExecutionTimeout,
            Memo = start.Memo?.Clone() ?? new Memo(),
            SearchAttributes = start.SearchAttributes?.Clone() ?? new SearchAttributes(),
            ExecutionExpiration = start.ExecutionExpiration
                ?? (start.ExecutionTimeout > TimeSpan.Zero ? now + start.ExecutionTimeout : null),
        };

        var started = run.AddEvent(EventType.WorkflowExecutionStarted, now);
        started.WorkflowExecutionStartedEventAttributes = new()
        {
            WorkflowType = new WorkflowType { Name = start.WorkflowType },
            TaskQueue = NormalQueue(start.TaskQueue),
            Input = start.Input,
            Header = start.Header,
            WorkflowExecutionTimeout = ToDuration(run.ExecutionTimeout),
            WorkflowRunTimeout = ToDuration(run.RunTimeout),
            WorkflowTaskTimeout = Duration.FromTimeSpan(run.WorkflowTaskTimeout),
            ContinuedExecutionRunId = start.ContinuedFromRunId ?? "",
            Initiator = start.Initiator,
            ContinuedFailure = start.ContinuedFailure,
            LastCompletionResult = start.LastCompletionResult,
            OriginalExecutionRunId = runId,
            Identity = start.Identity,
            FirstExecutionRunId = run.FirstExecutionRunId,
            RetryPolicy = start.RetryPolicy,
            Attempt = 1,
            WorkflowExecutionExpirationTime = run.ExecutionExpiration is { } expiration ? ToTimestamp(expiration) : null,
            FirstWorkflowTaskBackoff = ToDuration(start.StartDelay),
            Memo = start.Memo,
            SearchAttributes = start.SearchAttributes,
            WorkflowId = start.WorkflowId,
        };

        _runsById[runId] = run;
        if (!_runsByWorkflowId.TryGetValue((run.Namespace, run.WorkflowId), out var runs))
        {
            runs = [];
            _runsByWorkflowId[(run.Namespace, run.WorkflowId)] = runs;
        }

        runs.Add(run);
        _openRuns.Add(run);
        afterStarted?.Invoke(run);
        ScheduleRunDeadline(run);

        if (start.StartDelay > TimeSpan.Zero)
        {
            ArmStartDelay(run);
        }
        else
        {
            ScheduleWorkflowTask(run);
        }

        return run;
    }

    /// <summary>The first workflow task waits for the start delay (or continue-as-new backoff).</summary>
    private void ArmStartDelay(WorkflowRun run) =>
        run.StartDelayTimer = ScheduleTimer(run, run.ExecutionTime, () =>
        {
            if (run.IsOpen && run.WorkflowTask.Phase == WorkflowTaskPhase.None)
            {
                ScheduleWorkflowTask(run);
            }
        });

    private static TimeSpan NormalizeTaskTimeout(TimeSpan requested) =>
        requested <= TimeSpan.Zero ? DefaultWorkflowTaskTimeout
        : requested > MaxWorkflowTaskTimeout ? MaxWorkflowTaskTimeout
        : requested;

    /// <summary>The earlier of the run timeout and the execution (whole chain) expiration times the run out.</summary>
    private void ScheduleRunDeadline(WorkflowRun run)
    {
        DateTime? deadline = run.RunTimeout > TimeSpan.Zero ? run.StartTime + run.RunTimeout : null;
        if (run.ExecutionExpiration is { } expiration && (deadline is null || expiration < deadline))
        {
            deadline = expiration;
        }

        if (deadline is { } due)
        {
            run.RunTimeoutTimer = ScheduleTimer(run, due, () => TimeOutRun(run));
        }
    }

    private void TimeOutRun(WorkflowRun run)
    {
        if (!run.IsOpen)
        {
            return;
        }

        PrepareForcedClose(run);
        run.AddEvent(EventType.WorkflowExecutionTimedOut, Now).WorkflowExecutionTimedOutEventAttributes = new()
        {
            RetryState = RetryState.Timeout,
        };
        CloseRun(run, WorkflowExecutionStatus.TimedOut);
    }
}

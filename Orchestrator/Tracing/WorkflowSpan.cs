using System.Diagnostics;
using Temporalio.Workflows;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// Spans made inside a workflow, replay-safe. A workflow is interrupted and resumed across workflow tasks (and
/// workers), so no span may stay open in it: each one is started and stopped at once, and only its context is kept
/// as the parent of what the workflow does next. While the workflow replays history nothing is emitted (that work
/// was traced when it first ran), and children attach to the nearest context known: the caller's, from the header.
/// The workflow code itself never touches <see cref="Activity"/>; only the interceptors use this.
/// </summary>
internal sealed class WorkflowSpan : IDisposable
{
    // Flows with the workflow's tasks like any AsyncLocal: the parent of the spans started further down.
    private static readonly AsyncLocal<WorkflowSpan?> CurrentSpan = new();

    private readonly WorkflowSpan? _previous;

    private WorkflowSpan(ActivityContext context, WorkflowSpan? previous)
    {
        Context = context;
        _previous = previous;
        CurrentSpan.Value = this;
    }

    /// <summary>The context children should use; default when there is no trace at all.</summary>
    public ActivityContext Context { get; }

    /// <summary>The context of the innermost workflow span, or default.</summary>
    public static ActivityContext CurrentContext => CurrentSpan.Value?.Context ?? default;

    /// <summary>Makes a caller's context (from a header) the parent of the spans that follow, without emitting anything.</summary>
    public static WorkflowSpan Attach(ActivityContext remote) => new(remote, CurrentSpan.Value);

    /// <summary>
    /// Emits one span (started and stopped now) under the current workflow span, unless the workflow is replaying and
    /// <paramref name="evenOnReplay"/> is false. Dispose to make the previous span current again.
    /// </summary>
    public static WorkflowSpan Record(
        string name,
        ActivityKind kind,
        IEnumerable<KeyValuePair<string, object?>> tags,
        IEnumerable<ActivityLink>? links = null,
        bool evenOnReplay = false,
        Action<Activity>? beforeStop = null)
    {
        var parent = CurrentContext;
        Activity? span = null;
        if (evenOnReplay || !Workflow.Unsafe.IsReplaying)
        {
            span = TracingSources.Workflow.StartActivity(name, kind, parent, tags, links);
            if (span is not null)
            {
                beforeStop?.Invoke(span);
                span.Stop();
            }
        }

        return new WorkflowSpan(span?.Context ?? parent, CurrentSpan.Value);
    }

    public void Dispose() => CurrentSpan.Value = _previous;
}

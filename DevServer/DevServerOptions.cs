namespace FoodDelivery.DevServer;

/// <summary>How the engine's clock relates to real time.</summary>
public enum TimeSkippingMode
{
    /// <summary>Engine time is real time (plus explicit <see cref="TemporalDevServer.AdvanceTimeAsync"/> jumps).</summary>
    Disabled,

    /// <summary>
    /// While some client waits for a workflow result and no worker has anything to do, the clock jumps to the next
    /// timer or timeout (as Temporal's time-skipping test server does). Signals sent before awaiting the result are
    /// never overtaken by a skipped-to deadline. The default for tests.
    /// </summary>
    WhileAwaitingResult,

    /// <summary>The clock jumps to the next timer or timeout whenever no worker has anything to do.</summary>
    WhenIdle,
}

/// <summary>Options of <see cref="TemporalDevServer.StartAsync"/>.</summary>
public sealed record DevServerOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Namespace registered at start.</summary>
    public string Namespace { get; init; } = "default";

    public TimeSkippingMode TimeSkipping { get; init; } = TimeSkippingMode.Disabled;

    /// <summary>At most this many closed workflow runs are kept (oldest removed first).</summary>
    public int MaxClosedWorkflows { get; init; } = 5_000;

    /// <summary>Closed runs older than this are removed, whatever their count (the namespace retention).</summary>
    public TimeSpan ClosedWorkflowRetention { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// SQLite file that keeps all engine state (created if missing); the engine resumes from it after a restart.
    /// Null (the default, for tests) keeps everything in memory. A corrupt file, or one of another format, is refused
    /// with <see cref="DevServerFileException"/> and left untouched. One engine per file at a time.
    /// </summary>
    public string? DbFileName { get; init; }
}

namespace FoodDelivery.DevServer.Persistence;

// The saved form of a run's state beside its history (stored as JSON in runs.state). Protobuf messages are kept as
// their encoded bytes. Field names are part of the file format: renaming one is a format change (see EngineStore).

/// <summary>One workflow run: identity, visibility fields and the small state its history does not hold.</summary>
internal sealed record RunRecord
{
    public required string Namespace { get; init; }

    public required string WorkflowId { get; init; }

    public required string RunId { get; init; }

    public required string WorkflowType { get; init; }

    public required string TaskQueue { get; init; }

    public int Status { get; init; }

    public DateTime StartTime { get; init; }

    public DateTime ExecutionTime { get; init; }

    public DateTime? CloseTime { get; init; }

    public string FirstExecutionRunId { get; init; } = "";

    public string StartRequestId { get; init; } = "";

    public TimeSpan WorkflowTaskTimeout { get; init; }

    public TimeSpan RunTimeout { get; init; }

    public TimeSpan ExecutionTimeout { get; init; }

    public DateTime? ExecutionExpiration { get; init; }

    public byte[] Memo { get; init; } = [];

    public byte[] SearchAttributes { get; init; } = [];

    public List<string> SeenRequestIds { get; init; } = [];

    public WorkflowTaskRecord WorkflowTask { get; init; } = new();

    public long PreviousStartedEventId { get; init; }

    public bool CancelRequested { get; init; }

    public string? ContinuedAsNewRunId { get; init; }

    public List<BufferedInputRecord> Buffered { get; init; } = [];

    public List<ActivityRecord> Activities { get; init; } = [];

    public List<TimerRecord> Timers { get; init; } = [];

    public List<UpdateRecord> Updates { get; init; } = [];
}

internal sealed record WorkflowTaskRecord
{
    public int Phase { get; init; }

    public long ScheduledEventId { get; init; }

    public long StartedEventId { get; init; }

    public int Attempt { get; init; } = 1;

    public DateTime ScheduledTime { get; init; }

    public DateTime StartedTime { get; init; }
}

/// <summary>A buffered input: its event templates as an encoded History message.</summary>
internal sealed record BufferedInputRecord
{
    public required byte[] Events { get; init; }

    public string? FiredTimerId { get; init; }
}

internal sealed record ActivityRecord
{
    public long ScheduledEventId { get; init; }

    public required string ActivityId { get; init; }

    public required string ActivityType { get; init; }

    public required string TaskQueue { get; init; }

    public byte[]? Header { get; init; }

    public byte[]? Input { get; init; }

    public TimeSpan ScheduleToCloseTimeout { get; init; }

    public TimeSpan ScheduleToStartTimeout { get; init; }

    public TimeSpan StartToCloseTimeout { get; init; }

    public TimeSpan HeartbeatTimeout { get; init; }

    public required byte[] RetryPolicy { get; init; }

    public DateTime FirstScheduledTime { get; init; }

    public int Phase { get; init; }

    public int Attempt { get; init; }

    public DateTime AttemptScheduledTime { get; init; }

    public DateTime? StartedTime { get; init; }

    public string? StartedIdentity { get; init; }

    public string? StartedRequestId { get; init; }

    public byte[]? HeartbeatDetails { get; init; }

    public DateTime? LastHeartbeatTime { get; init; }

    public byte[]? LastFailure { get; init; }

    public string? LastWorkerIdentity { get; init; }

    public bool CancelRequested { get; init; }

    public long CancelRequestedEventId { get; init; }

    public DateTime? RetryTime { get; init; }
}

internal sealed record TimerRecord
{
    public required string TimerId { get; init; }

    public long StartedEventId { get; init; }

    public DateTime Due { get; init; }

    public bool FiredWhileBuffered { get; init; }
}

internal sealed record UpdateRecord
{
    public required string UpdateId { get; init; }

    public required byte[] Request { get; init; }

    public int Stage { get; init; }

    public long AcceptedEventId { get; init; }

    public byte[]? Outcome { get; init; }

    public string? AbortReason { get; init; }
}

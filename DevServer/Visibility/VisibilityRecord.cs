namespace FoodDelivery.DevServer.Visibility;

/// <summary>The fields of a workflow run that list queries can filter and sort on.</summary>
internal sealed record VisibilityRecord(
    string WorkflowId,
    string RunId,
    string WorkflowType,
    string TaskQueue,
    string ExecutionStatus,
    DateTime StartTime,
    DateTime ExecutionTime,
    DateTime? CloseTime);

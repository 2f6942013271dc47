using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

/// <summary>
/// Waits for approvals by signal, exposes its state by query, takes updates (with a validator) and can be told to
/// finish. The signal/query/update contract workflow.
/// </summary>
[Workflow]
public class ApprovalWorkflow
{
    private readonly List<string> _approvals = [];
    private int _limit;
    private bool _finish;

    [WorkflowRun]
    public async Task<string> RunAsync(int approvalsNeeded)
    {
        _limit = 100;
        await Workflow.WaitConditionAsync(() => _finish || _approvals.Count >= approvalsNeeded);
        return string.Join(",", _approvals);
    }

    [WorkflowSignal]
    public Task ApproveAsync(string approver)
    {
        _approvals.Add(approver);
        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task FinishAsync()
    {
        _finish = true;
        return Task.CompletedTask;
    }

    [WorkflowQuery]
    public IReadOnlyList<string> Approvals => _approvals;

    [WorkflowQuery]
    public string Fails() => throw new InvalidOperationException("this query always fails");

    [WorkflowUpdate]
    public async Task<int> SetLimitAsync(int limit)
    {
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(1));
        var previous = _limit;
        _limit = limit;
        return previous;
    }

    [WorkflowUpdateValidator(nameof(SetLimitAsync))]
    public void ValidateSetLimit(int limit)
    {
        if (limit < 0)
        {
            throw new ApplicationFailureException("limit must not be negative");
        }
    }
}

using Temporalio.Activities;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

public static class BusyActivities
{
    [Activity]
    public static string Echo(string value) => value;
}

/// <summary>
/// Loops on signals, running a short activity for each one, and exposes its progress by query: keeps workflow tasks
/// coming so that queries race with them.
/// </summary>
[Workflow]
public class BusyWorkflow
{
    private readonly Queue<string> _inbox = new();
    private int _processed;
    private bool _finish;

    [WorkflowRun]
    public async Task<int> RunAsync()
    {
        while (true)
        {
            await Workflow.WaitConditionAsync(() => _finish || _inbox.Count > 0);
            if (_inbox.Count == 0)
            {
                return _processed;
            }

            var item = _inbox.Dequeue();
            await Workflow.ExecuteActivityAsync(
                () => BusyActivities.Echo(item),
                new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(10) });
            _processed++;
        }
    }

    [WorkflowSignal]
    public Task WorkAsync(string item)
    {
        _inbox.Enqueue(item);
        return Task.CompletedTask;
    }

    [WorkflowSignal]
    public Task FinishAsync()
    {
        _finish = true;
        return Task.CompletedTask;
    }

    [WorkflowQuery]
    public int Processed => _processed;
}

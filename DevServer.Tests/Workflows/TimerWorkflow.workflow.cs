using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

/// <summary>Sleeps on a durable timer, then reports how much workflow time passed.</summary>
[Workflow]
public class TimerWorkflow
{
    [WorkflowRun]
    public async Task<TimeSpan> RunAsync(TimeSpan delay)
    {
        var start = Workflow.UtcNow;
        await Workflow.DelayAsync(delay);
        return Workflow.UtcNow - start;
    }
}

/// <summary>Starts a long timer and cancels it when a signal arrives first (the timer-cancel path).</summary>
[Workflow]
public class CancelTimerWorkflow
{
    private bool _stop;

    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        var stopped = await Workflow.WaitConditionAsync(() => _stop, TimeSpan.FromHours(1));
        return stopped ? "signalled" : "timed out";
    }

    [WorkflowSignal]
    public Task StopAsync()
    {
        _stop = true;
        return Task.CompletedTask;
    }
}

/// <summary>Sleeps on a durable timer and answers a status query meanwhile (time skipping with queries in flight).</summary>
[Workflow]
public class QueryableTimerWorkflow
{
    private string _status = "sleeping";

    [WorkflowRun]
    public async Task<string> RunAsync(TimeSpan delay)
    {
        await Workflow.DelayAsync(delay);
        _status = "woke";
        return _status;
    }

    [WorkflowQuery]
    public string Status => _status;
}

using Temporalio.Common;
using Temporalio.Workflows;

namespace FoodDelivery.DevServer.Tests.Workflows;

/// <summary>
/// One activity whose retries wait <c>interval</c> between attempts: it succeeds on the second attempt, or, with a
/// schedule-to-close timeout of 3.5 intervals, never succeeds and times out. The waits are what virtual time must skip.
/// </summary>
[Workflow]
public class LongBackoffWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(TimeSpan interval, bool untilScheduleToClose)
    {
        var options = new ActivityOptions
        {
            StartToCloseTimeout = TimeSpan.FromSeconds(10),
            RetryPolicy = new RetryPolicy { InitialInterval = interval, BackoffCoefficient = 1 },
        };
        if (untilScheduleToClose)
        {
            options.ScheduleToCloseTimeout = interval * 3.5;
            return await Workflow.ExecuteActivityAsync(() => FlakyActivities.SucceedOnAttempt(1000), options);
        }

        return await Workflow.ExecuteActivityAsync(() => FlakyActivities.SucceedOnAttempt(2), options);
    }
}

using FoodDelivery.DevServer.Tests.Workflows;
using Microsoft.Data.Sqlite;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace FoodDelivery.DevServer.Tests.Persistence;

/// <summary>The engine with a file, in this process: the file mirrors memory at every moment, and a restart resumes.</summary>
public sealed class PersistedEngineTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly TempEngineFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task EngineFile_DuringConcurrentWorkload_MatchesMemoryAtEveryCheck()
    {
        await using var server = await TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost));
        var taskQueue = DevServerFixture.UniqueName("mirror");
        using var worker = new TemporalWorker(
            client,
            new TemporalWorkerOptions(taskQueue)
                .AddWorkflow<CrashWorkflow>().AddWorkflow<ApprovalWorkflow>().AddActivity(CrashActivities.StepAsync));
        await worker.ExecuteAsync(async () =>
        {
            var plans = new[]
            {
                new CrashPlan { ChargeFailures = 2, RetryIntervalSeconds = 0.3 },
                new CrashPlan { TimerSeconds = 0.5 },
                new CrashPlan { WaitForApproval = true },
                new CrashPlan { BlockFirstCharge = true, Heartbeat = true },
            };
            var sagas = new List<WorkflowHandle<CrashWorkflow, string>>();
            var waitingForApproval = new List<WorkflowHandle<CrashWorkflow, string>>();
            for (var i = 0; i < 3; i++)
            {
                foreach (var plan in plans)
                {
                    var saga = await client.StartWorkflowAsync((CrashWorkflow wf) => wf.RunAsync(plan), new(DevServerFixture.UniqueName("mirror"), taskQueue));
                    sagas.Add(saga);
                    if (plan.WaitForApproval)
                    {
                        waitingForApproval.Add(saga);
                    }
                }
            }

            var approval = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(3), new(DevServerFixture.UniqueName("mirror"), taskQueue));
            var work = Task.WhenAll(sagas.Select(h => h.GetResultAsync()).Append(ApproveAndUpdateAsync(approval)));

            var checks = 0;
            var until = DateTime.UtcNow + Deadline;
            while ((!work.IsCompleted || checks < 5) && DateTime.UtcNow < until)
            {
                server.Engine.CompareMemoryWithFile().Should().BeEmpty($"check {checks}");
                checks++;
                if (checks == 3)
                {
                    foreach (var saga in sagas)
                    {
                        CrashActivities.Probe(saga.Id).ReleaseCharge.TrySetResult(); // blocked charges finish after a few checks
                    }

                    foreach (var saga in waitingForApproval)
                    {
                        await saga.SignalAsync(wf => wf.ApproveAsync("ada"));
                    }
                }

                await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(100)));
            }

            await work.WaitAsync(Deadline);
            server.Engine.CompareMemoryWithFile().Should().BeEmpty("after the workload");
        });
    }

    [Fact]
    public async Task StartAsync_SameFileAfterStop_ResumesNamespacesClockHistoriesAndRunningWorkflows()
    {
        string runningId;
        DateTime engineTimeBefore;
        string namespaceId;
        string completedId;
        await using (var server = await TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path }))
        {
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost));
            await client.WorkflowService.RegisterNamespaceAsync(new RegisterNamespaceRequest { Namespace = "orders-archive" });
            namespaceId = (await client.WorkflowService.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = "orders-archive" })).NamespaceInfo.Id;
            var taskQueue = DevServerFixture.UniqueName("resume");
            using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue).AddWorkflow<ApprovalWorkflow>());
            (completedId, runningId) = await worker.ExecuteAsync(async () =>
            {
                var done = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), new(DevServerFixture.UniqueName("done"), taskQueue));
                await done.SignalAsync(wf => wf.ApproveAsync("ada"));
                await done.GetResultAsync();
                var running = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(2), new(DevServerFixture.UniqueName("running"), taskQueue));
                await running.SignalAsync(wf => wf.ApproveAsync("grace"));
                return (done.Id, running.Id);
            });
            await server.AdvanceTimeAsync(TimeSpan.FromHours(1));
            engineTimeBefore = server.UtcNow;
        }

        await using (var server = await TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path }))
        {
            server.UtcNow.Should().BeOnOrAfter(engineTimeBefore, "virtual time moved forward is kept");
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost));
            (await client.WorkflowService.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = "orders-archive" })).NamespaceInfo.Id
                .Should().Be(namespaceId);
            (await client.GetWorkflowHandle<ApprovalWorkflow, string>(completedId).GetResultAsync()).Should().Be("ada");

            var running = client.GetWorkflowHandle<ApprovalWorkflow, string>(runningId);
            var taskQueue = (await running.DescribeAsync()).TaskQueue;
            using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue!).AddWorkflow<ApprovalWorkflow>());
            await worker.ExecuteAsync(async () =>
            {
                await running.SignalAsync(wf => wf.ApproveAsync("linus"));
                (await running.GetResultAsync().WaitAsync(Deadline)).Should().Be("grace,linus");
            });
            await HistoryAssertions.ReplayAsync<ApprovalWorkflow>(await running.FetchHistoryAsync());
        }
    }

    [Fact]
    public async Task Retention_MoreClosedRunsThanKept_OldestLeaveTheFileToo()
    {
        var options = new DevServerOptions { DbFileName = _file.Path, MaxClosedWorkflows = 3 };
        var ids = new List<string>();
        await using (var server = await TemporalDevServer.StartAsync(options))
        {
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost));
            for (var i = 0; i < 6; i++)
            {
                var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(1), new(DevServerFixture.UniqueName("kept"), "no-worker"));
                await handle.TerminateAsync("done");
                ids.Add(handle.Id);
            }
        }

        using (var connection = new SqliteConnection($"Data Source={_file.Path};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var runs = connection.CreateCommand();
            runs.CommandText = "SELECT count(*) FROM runs";
            ((long)runs.ExecuteScalar()!).Should().Be(3);
            using var events = connection.CreateCommand();
            events.CommandText = "SELECT count(DISTINCT run_id) FROM events";
            ((long)events.ExecuteScalar()!).Should().Be(3, "the events of removed runs are deleted with them");
        }

        await using (var server = await TemporalDevServer.StartAsync(options))
        {
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost));
            var listed = new List<string>();
            await foreach (var execution in client.ListWorkflowsAsync("ExecutionStatus = 'Terminated'"))
            {
                listed.Add(execution.Id);
            }

            listed.Should().BeEquivalentTo(ids.Skip(3));
        }
    }

    private static async Task ApproveAndUpdateAsync(WorkflowHandle<ApprovalWorkflow, string> approval)
    {
        await approval.SignalAsync(wf => wf.ApproveAsync("ada"));
        (await approval.ExecuteUpdateAsync(wf => wf.SetLimitAsync(7))).Should().Be(100);
        await approval.SignalAsync(wf => wf.ApproveAsync("grace"));
        await approval.SignalAsync(wf => wf.ApproveAsync("linus"));
        (await approval.GetResultAsync()).Should().Be("ada,grace,linus");
    }
}

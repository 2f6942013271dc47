using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests.Persistence;

/// <summary>Files the engine must refuse (corrupt, foreign, other formats), untouched; and a kill in the middle of writes.</summary>
[Collection(SerialEngineFileCollection.Name)]
public sealed class EngineFileTests : IDisposable
{
    private readonly TempEngineFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Executable_GarbageFile_RefusedWithOneLineAndLeftUntouched()
    {
        await File.WriteAllTextAsync(_file.Path, "this is not a database, just some text that happens to be here\n");
        var before = await HashAsync();

        var (exitCode, _, stderr) = await EngineProcess.RunToExitAsync("--port", "0", "--db-filename", _file.Path);

        exitCode.Should().Be(1);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("corrupt or not a DevServer engine file").And.Contain(_file.Path);
        (await HashAsync()).Should().Be(before);
    }

    [Fact]
    public async Task StartAsync_EngineFileWithDamagedPages_ThrowsAndLeavesItUntouched()
    {
        await CreateEngineFileWithWorkflowsAsync(count: 30);
        var bytes = await File.ReadAllBytesAsync(_file.Path);
        bytes.Length.Should().BeGreaterThan(4096 * 3);
        Array.Fill(bytes, (byte)0x5A, 4096 * 2, 4096); // page 3 overwritten
        await File.WriteAllBytesAsync(_file.Path, bytes);
        var before = await HashAsync();

        var refused = await Assert.ThrowsAsync<DevServerFileException>(() => TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path }));

        refused.Message.Should().Contain("corrupt").And.Contain("untouched");
        (await HashAsync()).Should().Be(before);
    }

    [Fact]
    public async Task StartAsync_SqliteFileOfAnotherApplication_Refused()
    {
        ExecuteSql("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        var before = await HashAsync();

        var refused = await Assert.ThrowsAsync<DevServerFileException>(() => TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path }));

        refused.Message.Should().Contain("is not a DevServer engine file");
        (await HashAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(99, "newer DevServer (file format 99)")]
    [InlineData(0, "older DevServer (file format 0) and there is no migration")]
    public async Task StartAsync_EngineFileOfAnotherFormat_RefusedNamingTheFormat(int formatVersion, string expected)
    {
        await CreateEngineFileWithWorkflowsAsync(count: 1);
        ExecuteSql($"PRAGMA user_version = {formatVersion}");
        var before = await HashAsync();

        var refused = await Assert.ThrowsAsync<DevServerFileException>(() => TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path }));

        refused.Message.Should().Contain(expected);
        (await HashAsync()).Should().Be(before);
    }

    [Fact]
    public async Task EngineProcess_KilledDuringWrites_RestartsWithEveryAcknowledgedChangeAndNoPartialOne()
    {
        await using var engine = new EngineProcess(_file.Path);
        await engine.StartAsync();
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(engine.TargetHost));
        var acknowledgedSignals = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var attempted = new System.Collections.Concurrent.ConcurrentBag<string>(); // every start sent, answered or not
        var interrupted = new System.Collections.Concurrent.ConcurrentBag<string>();

        for (var round = 0; round < 3; round++)
        {
            // 8 writers start workflows and signal them as fast as they can; the kill lands in the middle of their writes.
            using var stop = new CancellationTokenSource();
            var interruptible = new RpcOptions { Retry = false, CancellationToken = stop.Token }; // calls retrying against the dead engine end
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var id = $"write-{round}-{w}-{i}";
                        attempted.Add(id);
                        await client.WorkflowService.StartWorkflowExecutionAsync(new StartWorkflowExecutionRequest
                        {
                            Namespace = "default",
                            WorkflowId = id,
                            WorkflowType = new() { Name = "Unpolled" },
                            TaskQueue = new() { Name = "nobody-polls" },
                            RequestId = Guid.NewGuid().ToString(),
                        }, interruptible);
                        acknowledgedSignals[id] = 0;
                        for (var s = 0; s < 3; s++)
                        {
                            await client.WorkflowService.SignalWorkflowExecutionAsync(new SignalWorkflowExecutionRequest
                            {
                                Namespace = "default",
                                WorkflowExecution = new() { WorkflowId = id },
                                SignalName = "poke",
                                RequestId = Guid.NewGuid().ToString(),
                            }, interruptible);
                            acknowledgedSignals[id] = s + 1;
                        }
                    }
                    catch (Exception e) when (e is RpcException or OperationCanceledException)
                    {
                        interrupted.Add(e.Message); // not acknowledged (the engine died under it, or the round ended)
                    }
                }
            })).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(400 + (round * 300)));

            await engine.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await engine.StartAsync();

            // Every start sent, answered or cut off by the kill, is either absent or whole: no partial state is visible.
            var withHistory = new List<string>();
            foreach (var id in attempted.Distinct())
            {
                var events = await HistoryOrNullAsync(client, id);
                var acknowledged = acknowledgedSignals.TryGetValue(id, out var signals);
                if (events is null)
                {
                    acknowledged.Should().BeFalse($"{id}: its start was acknowledged, so it must survive the kill");
                    continue;
                }

                withHistory.Add(id);

                events.Select(e => e.EventId).Should().Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), $"{id} has whole events in order");
                events[0].EventType.Should().Be(EventType.WorkflowExecutionStarted);
                events.Count(e => e.EventType == EventType.WorkflowExecutionSignaled).Should().BeInRange(
                    signals, acknowledged ? signals + 1 : 3, $"{id}: every acknowledged signal survives (one more may have committed unanswered)");
            }

            // What visibility lists is exactly what has a history: no listed run without one, none missing from the list.
            var listed = await client.WorkflowService.ListWorkflowExecutionsAsync(
                new ListWorkflowExecutionsRequest { Namespace = "default", PageSize = 100_000 }, new RpcOptions { Retry = true });
            var listedIds = listed.Executions.Select(e => e.Execution.WorkflowId).Where(id => id.StartsWith("write-", StringComparison.Ordinal)).ToList();
            listedIds.Should().OnlyHaveUniqueItems();
            listedIds.Should().BeEquivalentTo(withHistory, "visibility and histories are written in the same transaction");
        }

        acknowledgedSignals.Should().NotBeEmpty($"calls ended with: {string.Join("; ", interrupted.Distinct())}; engine stderr: {engine.Stderr}");
    }

    /// <summary>The workflow's history after the restart, or null when the engine does not know it.</summary>
    private static async Task<IList<Temporalio.Api.History.V1.HistoryEvent>?> HistoryOrNullAsync(TemporalClient client, string workflowId)
    {
        try
        {
            var history = await client.WorkflowService.GetWorkflowExecutionHistoryAsync(new GetWorkflowExecutionHistoryRequest
            {
                Namespace = "default",
                Execution = new() { WorkflowId = workflowId },
            }, new RpcOptions { Retry = true }); // the client reconnects to the restarted engine
            return history.History.Events;
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task CreateEngineFileWithWorkflowsAsync(int count)
    {
        await using var server = await TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = _file.Path });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(server.TargetHost));
        for (var i = 0; i < count; i++)
        {
            await client.WorkflowService.StartWorkflowExecutionAsync(new StartWorkflowExecutionRequest
            {
                Namespace = "default",
                WorkflowId = $"filler-{i}",
                WorkflowType = new() { Name = "Filler" },
                TaskQueue = new() { Name = "nobody-polls" },
                RequestId = Guid.NewGuid().ToString(),
                Input = new() { Payloads_ = { Temporalio.Converters.DataConverter.Default.PayloadConverter.ToPayload(new string('x', 2000)) } },
            });
        }
    }

    private void ExecuteSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<string> HashAsync() => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(_file.Path)));
}

/// <summary>
/// Runs alone, after the parallel tests: the kill-during-writes test wants its writers busy when the kill lands, not
/// starved by other tests (it failed twice beside them with every writer call ending in "transport error"; the cause
/// was not pinned down, see the report).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialEngineFileCollection
{
    public const string Name = "Engine file, serial";
}

using System.Diagnostics;
using System.Globalization;
using Temporalio.Client;
using Temporalio.Worker;

namespace FoodDelivery.DevServer.Bench;

/// <summary>
/// `devserver bench [--workflows N] [--concurrency C] [--eager-start] [--worker-cache N] [--target host:port [--engine-pid P]] [--db-filename file]`:
/// engine, client and worker in one process (or client and worker against the engine at --target), a one-activity
/// workflow. Prints p50/p99 start-to-result latency (sequential), throughput with C workflows in flight, the process CPU
/// time and managed allocations per workflow of each phase (and the CPU of the engine process P), and the process RSS
/// after N completed workflows (and P's). A measurement tool, not a test.
/// </summary>
internal static class Benchmark
{
    private const int LatencySamples = 1000;
    private const int Warmup = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var total = 10_000;
        var concurrency = 200;
        var eagerStart = args.Contains("--eager-start");
        var cacheSize = 10_000;
        int? enginePid = null;
        string? target = null;
        var targetIndex = Array.IndexOf(args, "--target");
        if (targetIndex >= 0 && targetIndex + 1 < args.Length)
        {
            target = args[targetIndex + 1];
            args = [.. args[..targetIndex], .. args[(targetIndex + 2)..]];
        }
        string? dbFileName = null;
        var dbIndex = Array.IndexOf(args, "--db-filename");
        if (dbIndex >= 0 && dbIndex + 1 < args.Length)
        {
            dbFileName = args[dbIndex + 1];
            args = [.. args[..dbIndex], .. args[(dbIndex + 2)..]];
        }

        args = args.Where(a => a != "--eager-start").ToArray();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0)
            {
                Console.Error.WriteLine($"bench: {args[i]} needs a positive whole number");
                return 2;
            }

            switch (args[i])
            {
                case "--workflows":
                    total = value;
                    break;
                case "--concurrency":
                    concurrency = value;
                    break;
                case "--worker-cache":
                    cacheSize = value;
                    break;
                case "--engine-pid":
                    enginePid = value;
                    break;
                default:
                    Console.Error.WriteLine($"bench: unknown argument '{args[i]}' (usage: bench [--workflows N] [--concurrency C] [--eager-start] [--worker-cache N] [--target host:port [--engine-pid P]] [--db-filename file])");
                    return 2;
            }
        }

        // By default the engine runs in this process; --target host:port measures against a separate DevServer process.
        // --db-filename measures the engine with persistence (a fresh file each run: the benchmark reuses workflow ids).
        if (dbFileName is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(dbFileName + suffix);
            }
        }

        await using var server = target is null ? await TemporalDevServer.StartAsync(new DevServerOptions { DbFileName = dbFileName }) : null;
        Console.WriteLine($"engine state: {(dbFileName is null ? "in memory" : $"in '{dbFileName}'")}");
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(target ?? server!.TargetHost) { Namespace = "default" });
        using var worker = new TemporalWorker(
            client,
            new TemporalWorkerOptions("bench")
            {
                MaxConcurrentWorkflowTasks = 500,
                MaxConcurrentActivities = 500,
                MaxCachedWorkflows = cacheSize,
            }.AddWorkflow<BenchWorkflow>().AddActivity(BenchActivities.Echo));

        return await worker.ExecuteAsync(async () =>
        {
            var completed = 0;
            async Task RunOneAsync()
            {
                var id = $"bench-{Interlocked.Increment(ref completed)}";
                await client.ExecuteWorkflowAsync((BenchWorkflow wf) => wf.RunAsync(id), new WorkflowOptions(id, "bench") { RequestEagerStart = eagerStart });
            }

            for (var i = 0; i < Warmup; i++)
            {
                await RunOneAsync();
            }

            Console.WriteLine($"eager workflow start: {(eagerStart ? "on" : "off")}; after {Warmup} warm-up workflows: {MemoryFigures(enginePid)}");

            var latencyCost = PhaseCost.Start(enginePid);
            var latencies = new List<double>(LatencySamples);
            for (var i = 0; i < LatencySamples; i++)
            {
                var watch = Stopwatch.StartNew();
                await RunOneAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            Console.WriteLine($"latency (sequential, {LatencySamples} workflows): p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms; {latencyCost.PerWorkflow(LatencySamples)}");

            var throughputRuns = Math.Max(concurrency, total - completed);
            var throughputCost = PhaseCost.Start(enginePid);
            var throughputWatch = Stopwatch.StartNew();
            var started = 0;
            var lanes = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref started) <= throughputRuns)
                {
                    await RunOneAsync();
                }
            });
            await Task.WhenAll(lanes);
            var seconds = throughputWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"throughput ({concurrency} in flight, {throughputRuns} workflows): {throughputRuns / seconds:F0} workflows/s; {throughputCost.PerWorkflow(throughputRuns)}");

            Console.WriteLine($"after {completed} completed workflows: {MemoryFigures(enginePid)}");
            return 0;
        });
    }

    private static string MemoryFigures(int? enginePid)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var figures = $"RSS {process.WorkingSet64 / (1024 * 1024)} MB, managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MB "
            + $"(committed {GC.GetGCMemoryInfo().TotalCommittedBytes / (1024 * 1024)} MB)";
        if (enginePid is { } pid)
        {
            using var engine = Process.GetProcessById(pid);
            figures += $"; engine process {pid}: RSS {engine.WorkingSet64 / (1024 * 1024)} MB";
        }

        return figures;
    }

    private static double Percentile(List<double> sorted, double percentile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile * sorted.Count) - 1)];
}

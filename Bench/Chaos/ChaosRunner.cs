using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator;

namespace FoodDelivery.Bench.Chaos;

/// <summary>
/// One chaos run: the stack in this process (embedded DevServer, in memory or on a file, the four services on fresh
/// SQLite files with rate-based faults, the zero-delay simulator) and the saga worker as its own process
/// (<see cref="ChaosWorker"/>), the orders placed by closed-loop clients while <see cref="ChaosConductor"/> stops a
/// service, kills the worker process and restarts the engine, then the consistency audit over everything written. The run passes when every order ended (or is parked in NEEDS_ATTENTION
/// with a reason), every planned fault happened and the audit finds nothing.
/// </summary>
public static class ChaosRunner
{
    /// <summary>One attempt of a saga step in a chaos run; a slow response outlasts it.</summary>
    public static readonly TimeSpan ActivityStartToClose = TimeSpan.FromSeconds(2);

    /// <summary>How late a slow response answers: past the activity's start-to-close timeout, so the attempt is retried.</summary>
    public static readonly TimeSpan SlowResponse = ActivityStartToClose + TimeSpan.FromSeconds(1);

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var startedAt = DateTime.UtcNow;
        var loadBefore = ProcessMeter.LoadAverage();
        var runId = startedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var plan = FaultPlan.From(options);
        var dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-chaos-").FullName;
        try
        {
            var engineFile = options.Persist ? options.DbFileName ?? Path.Combine(dataDirectory, "temporal.db") : null;
            var engine = engineFile is null ? "embedded DevServer (in memory, not restarted)" : $"embedded DevServer persisting to {engineFile}";
            await progress.WriteLineAsync($"chaos run, seed {options.Seed}: starting the stack ({engine}) ...");
            var stackOptions = StackOptions(options, plan, dataDirectory, engineFile);
            await using var stack = await FoodDeliveryStack.StartAsync(stackOptions, cancellationToken);
            await StockFiller.AddStockAsync(stack.DataDirectory, OrderFactory.HappyItem, options.Orders + 100, cancellationToken);

            var tally = new ChaosTally();
            await using var worker = new ChaosWorker(stack, stackOptions.Settings, WorkerLogFile(options), new WorkerTaskProbe(stack.Client, tally));
            await worker.StartAsync(cancellationToken);
            await progress.WriteLineAsync($"saga worker: process {worker.Pid}, its output in {worker.LogFile}");
            var driver = new ChaosOrderDriver(stack.Ordering, stack.Simulator!, stack.Client, new OrderFactory(runId), tally);
            var conductor = new ChaosConductor(stack, worker, plan, options, tally, progress);
            var runner = new PhaseRunner(
                new BenchOptions { Clients = options.Clients, OrderTimeout = options.OrderDeadline, Mix = ScenarioMix.Default }, progress);

            var started = Stopwatch.GetTimestamp();
            using var stopConducting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var conducting = conductor.RunAsync(started, stopConducting.Token);
            var phase = await runner.RunAsync("chaos", driver, 0, options.Orders, cancellationToken);
            var wallTime = Stopwatch.GetElapsedTime(started);
            await stopConducting.CancelAsync();
            await conducting;

            await progress.WriteLineAsync("auditing the four databases ...");
            var audit = await stack.AuditAsync();
            return Report(options, startedAt, loadBefore, engine, plan, conductor, worker, tally, phase, wallTime, audit);
        }
        finally
        {
            DeleteQuietly(dataDirectory);
        }
    }

    private static ChaosReport Report(
        ChaosOptions options,
        DateTime startedAt,
        double? loadBefore,
        string engine,
        FaultPlan plan,
        ChaosConductor conductor,
        ChaosWorker worker,
        ChaosTally tally,
        PhaseResult phase,
        TimeSpan wallTime,
        Audit.AuditReport audit)
    {
        var outcomes = phase.Outcomes;
        var stuck = outcomes.Where(o => o.Error is not null).Select(o => o.ToString()).ToList();
        var parked = outcomes.Where(o => o.FinalState == SagaState.NeedsAttention).Select(o => $"{o.OrderId}: {o.Reason}").ToList();
        var injected = conductor.Injected;
        var faultsByKind = conductor.RateFaults().ToDictionary(f => f.Key.ToString(), f => f.Value);
        foreach (var kind in new[] { FaultKind.ServiceOutage, FaultKind.WorkerKill, FaultKind.DevServerRestart })
        {
            faultsByKind[kind.ToString()] = injected.Count(f => f.Kind == kind && f.Error is null);
        }

        var failures = new List<string>();
        failures.AddRange(audit.Violations.Select(v => $"audit: {v}"));
        failures.AddRange(stuck.Select(s => $"stuck: {s}"));
        failures.AddRange(audit.OrdersInFlight
            .Where(o => !o.EndsWith($"({Contracts.Order.V1.OrderStatus.NeedsAttention})", StringComparison.Ordinal))
            .Select(o => $"audit: order record not final after its saga ended: {o}"));
        failures.AddRange(injected.Where(f => f.Error is not null).Select(f => $"fault {f.Kind} {f.Target} failed: {f.Error}"));
        failures.AddRange(plan.Events.Skip(injected.Count).Select(f => $"fault {f.Kind} {f.Target} did not happen: every order ended before {f.AtProgress:P0}"));
        if (worker.ExitedOnItsOwn is { } exit)
        {
            failures.Add(exit);
        }

        var retries = tally.RetriesByActivity;
        var compensations = tally.CompensationsByStep;
        return new ChaosReport(
            startedAt,
            new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, loadBefore, ProcessMeter.LoadAverage()),
            options.Seed,
            options.Orders,
            options.Clients,
            engine,
            worker.LogFile,
            new ChaosFaultSettings(
                options.TransientRate,
                options.SlowRate,
                SlowResponse.TotalSeconds,
                ActivityStartToClose.TotalSeconds,
                options.Outage.TotalSeconds,
                options.WorkerKills,
                options.Persist),
            plan.Events,
            injected,
            faultsByKind,
            outcomes.GroupBy(o => o.Error is null ? o.FinalState.ToString()! : "Stuck").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            outcomes.Where(o => o.Error is null).GroupBy(o => $"{ScenarioMix.Name(o.Scenario)} -> {o.FinalState}")
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            parked,
            stuck,
            retries.Values.Sum(),
            retries,
            tally.PlaceOrderRetries,
            compensations.Values.Sum(),
            compensations,
            Math.Round(wallTime.TotalSeconds, 1),
            Math.Round(outcomes.Count / wallTime.TotalSeconds, 2),
            new ChaosAudit(audit.IsClean, audit.OrdersChecked, audit.OrdersInFlight, [.. audit.Violations.Select(v => v.ToString())]),
            failures);
    }

    private static LocalStackOptions StackOptions(ChaosOptions options, FaultPlan plan, string dataDirectory, string? engineFile)
    {
        // Zero human delays, and no discovery: each order is handed to the simulator with Follow before it is placed.
        var simulator = SimulatorOptions.Instant();
        simulator.DiscoveryInterval = TimeSpan.Zero;
        simulator.MaxConcurrentOrders = 100_000;
        return new LocalStackOptions
        {
            DataDirectory = dataDirectory,
            DevServerDbFileName = engineFile,
            Simulator = simulator,
            FaultInjection = true,
            SagaTimeouts = SagaTimeouts.Default with { StepStartToClose = ActivityStartToClose },
            // The worker runs as its own process, so it can be killed for real (ChaosWorker).
            StartWorker = false,
            Settings = new Dictionary<string, string?>
            {
                ["FaultInjection:TransientFailureRate"] = Invariant(options.TransientRate),
                ["FaultInjection:SlowResponseRate"] = Invariant(options.SlowRate),
                ["FaultInjection:SlowResponseMilliseconds"] = Invariant(SlowResponse.TotalMilliseconds),
            },
            // Each service draws its faults from its own seed, so the four do not fail in lockstep.
            ServiceSettings = plan.ServiceSeeds.ToDictionary(
                s => s.Key, s => (IDictionary<string, string?>)new Dictionary<string, string?> { ["FaultInjection:Seed"] = Invariant(s.Value) }),
        };
    }

    /// <summary>worker.log in the report's folder, emptied for this run (each worker process appends to it).</summary>
    private static string WorkerLogFile(ChaosOptions options)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var logFile = Path.GetFullPath(Path.Combine(options.OutputDirectory, "worker.log"));
        File.Delete(logFile);
        return logFile;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the OS temp cleanup takes it.
        }
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Simulator;

namespace FoodDelivery.Bench;

/// <summary>
/// One benchmark run, all in this process: the stack (embedded DevServer or TEMPORAL_ADDRESS, the four services on
/// fresh SQLite files, the saga worker, the zero-delay simulator), warm-up, the baseline phase, the saga phase, then the
/// consistency audit over everything both phases wrote.
/// </summary>
public static class BenchRunner
{
    private const int CourierCapacity = 10;
    private const int MaxFailuresListed = 20;

    public static async Task<BenchReport> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var startedAt = DateTime.UtcNow;
        var loadBefore = ProcessMeter.LoadAverage();
        var runId = startedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

        await progress.WriteLineAsync($"starting the stack ({Engine(options)}) ...");
        await using var stack = await FoodDeliveryStack.StartAsync(StackOptions(options, runId), cancellationToken);
        var phases = options.Baseline ? 2 : 1;
        await StockFiller.AddStockAsync(
            stack.DataDirectory, OrderFactory.HappyItem, ((options.Warmup + options.Sagas) * phases) + 100, cancellationToken);

        var orders = new OrderFactory(runId);
        var saga = new SagaDriver(stack.Ordering, stack.Simulator!, new SagaHistoryFollower(stack.Client), orders);
        var services = stack.Services;
        using var baseline = new BaselineDriver(
            services.Order.Address, services.Payment.Address, services.Restaurant.Address, services.Delivery.Address, orders);
        var runner = new PhaseRunner(options, progress);

        var warmups = new List<PhaseResult>();
        if (options.Warmup > 0)
        {
            warmups.Add(await runner.RunAsync("warm-up saga", saga, 0, options.Warmup, cancellationToken));
            if (options.Baseline)
            {
                warmups.Add(await runner.RunAsync("warm-up baseline", baseline, 0, options.Warmup, cancellationToken));
            }
        }

        var baselinePhase = options.Baseline
            ? await runner.RunAsync("baseline", baseline, options.Warmup, options.Sagas, cancellationToken)
            : null;
        var sagaPhase = await runner.RunAsync("saga", saga, options.Warmup, options.Sagas, cancellationToken);

        await progress.WriteLineAsync("auditing the four databases ...");
        var audit = await stack.AuditAsync();
        var process = new ProcessReport(
            Math.Round(ProcessMeter.CpuTime().TotalSeconds, 1), ProcessMeter.PeakRssMb(), ProcessMeter.RssMb(), options.Warmup + options.Sagas);
        var sagaReport = PhaseReport.From(sagaPhase);
        var baselineReport = baselinePhase is null ? null : PhaseReport.From(baselinePhase);
        var auditSummary = new AuditSummary(
            audit.IsClean, audit.OrdersChecked, audit.OrdersInFlight.Count, [.. audit.Violations.Take(MaxFailuresListed).Select(v => v.ToString())]);

        return new BenchReport(
            startedAt,
            new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, loadBefore, ProcessMeter.LoadAverage()),
            Engine(options),
            options.DescribeLoad(),
            options.Mix.ToString(),
            options.Sagas,
            options.Warmup,
            sagaReport,
            baselineReport,
            baselineReport is null ? null : RatioReport.From(sagaReport, baselineReport),
            process,
            auditSummary,
            TargetChecks.Evaluate(options, sagaReport, baselineReport, process),
            Failures(warmups.Append(sagaPhase).Concat(baselinePhase is null ? [] : [baselinePhase]), audit));
    }

    private static string Engine(BenchOptions options) => options.TemporalAddress is null
        ? "embedded DevServer (in memory, this process)"
        : $"Temporal server at {options.TemporalAddress}";

    private static LocalStackOptions StackOptions(BenchOptions options, string runId)
    {
        // Zero human delays, and no discovery: each order is handed to the simulator with Follow before it is placed.
        var simulator = SimulatorOptions.Instant();
        simulator.DiscoveryInterval = TimeSpan.Zero;
        simulator.MaxConcurrentOrders = 100_000;
        return new LocalStackOptions
        {
            TemporalAddress = options.TemporalAddress,
            // A shared server may run other workers on "orders": this run's sagas get a task queue of their own.
            TaskQueue = options.TemporalAddress is null ? WireNames.DefaultTaskQueue : $"bench-{runId}",
            Simulator = simulator,
            Settings = new Dictionary<string, string?>
            {
                // Enough couriers that nobody waits for one (a courier wait is the saga's 1 s retry, not a cost).
                ["Delivery:Seed:CourierCount"] = options.Couriers.ToString(CultureInfo.InvariantCulture),
                ["Delivery:Seed:CourierCapacity"] = CourierCapacity.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>Every order that did not end as its scenario says (warm-up included), and every audit finding.</summary>
    private static List<string> Failures(IEnumerable<PhaseResult> phases, Audit.AuditReport audit)
    {
        var wrong = phases.SelectMany(p => p.Outcomes.Where(o => !o.AsExpected).Select(o => $"{p.Name}: {o}")).ToList();
        var failures = wrong.Take(MaxFailuresListed).ToList();
        if (wrong.Count > MaxFailuresListed)
        {
            failures.Add($"... and {wrong.Count - MaxFailuresListed} more orders that did not end as expected");
        }

        failures.AddRange(audit.Violations.Take(MaxFailuresListed).Select(v => $"audit: {v}"));
        if (audit.Violations.Count > MaxFailuresListed)
        {
            failures.Add($"audit: ... and {audit.Violations.Count - MaxFailuresListed} more violations");
        }

        if (audit.OrdersInFlight.Count > 0)
        {
            failures.Add($"audit: {audit.OrdersInFlight.Count} orders still in flight after the run, e.g. {audit.OrdersInFlight[0]}");
        }

        return failures;
    }
}

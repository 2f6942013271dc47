using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace FoodDelivery.Bench;

/// <summary>What one phase (a number of orders through one driver) measured.</summary>
/// <param name="Elapsed">From the first order's start to the last order's end.</param>
public sealed record PhaseResult(string Name, IReadOnlyList<OrderOutcome> Outcomes, TimeSpan Elapsed, TimeSpan CpuTime);

/// <summary>
/// Drives orders through an <see cref="IOrderDriver"/>: closed loop (each client starts its next order when the last
/// one ended) or open loop (orders start on a fixed schedule whether or not earlier ones ended; latency counts from
/// when an order was due, so a backlog shows in the figures instead of hiding). Prints progress every two seconds.
/// </summary>
public sealed class PhaseRunner(BenchOptions options, TextWriter progress)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs orders number <paramref name="first"/> to first + count - 1 (the number makes the order id and scenario).</summary>
    public async Task<PhaseResult> RunAsync(string name, IOrderDriver driver, long first, int count, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentQueue<OrderOutcome>();
        var cpuBefore = ProcessMeter.CpuTime();
        var started = Stopwatch.GetTimestamp();
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportProgressAsync(name, count, outcomes, started, stopProgress.Token);
        try
        {
            if (options.Mode == LoadMode.Closed)
            {
                await RunClosedAsync(driver, first, count, outcomes, cancellationToken);
            }
            else
            {
                await RunOpenAsync(driver, first, count, outcomes, cancellationToken);
            }
        }
        finally
        {
            await stopProgress.CancelAsync();
            await reporter;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessMeter.CpuTime() - cpuBefore;
        await progress.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"[{name}] {outcomes.Count} orders in {elapsed.TotalSeconds:0.0} s ({outcomes.Count / elapsed.TotalSeconds:0.0}/s)"));
        return new PhaseResult(name, [.. outcomes], elapsed, cpu);
    }

    private async Task RunClosedAsync(IOrderDriver driver, long first, int count, ConcurrentQueue<OrderOutcome> outcomes, CancellationToken cancellationToken)
    {
        var next = -1L;
        var clients = Enumerable.Range(0, Math.Min(options.Clients, count)).Select(async _ =>
        {
            long n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                outcomes.Enqueue(await RunOneAsync(driver, first + n, Stopwatch.GetTimestamp(), cancellationToken));
            }
        });
        await Task.WhenAll(clients);
    }

    private async Task RunOpenAsync(IOrderDriver driver, long first, int count, ConcurrentQueue<OrderOutcome> outcomes, CancellationToken cancellationToken)
    {
        var running = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var ticksPerOrder = Stopwatch.Frequency / options.Rate;
        for (var n = 0L; n < count; n++)
        {
            var due = start + (long)(n * ticksPerOrder);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                // Pacing the arrivals (not synchronization): the order is due then.
                await Task.Delay(wait, cancellationToken);
            }

            var order = first + n;
            running.Add(Task.Run(async () => outcomes.Enqueue(await RunOneAsync(driver, order, due, cancellationToken)), cancellationToken));
        }

        await Task.WhenAll(running);
    }

    /// <summary>One order, bounded by the order timeout; any failure becomes a failed outcome (the run then fails).</summary>
    private async Task<OrderOutcome> RunOneAsync(IOrderDriver driver, long n, long startedAt, CancellationToken cancellationToken)
    {
        var scenario = options.Mix.For(n);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.OrderTimeout);
        try
        {
            return await driver.RunAsync(n, scenario, startedAt, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var what = timeout.IsCancellationRequested ? $"did not end within {options.OrderTimeout.TotalSeconds:0} s" : ex.Message;
            return OrderOutcome.Failed($"{driver.Name} #{n}", scenario, what);
        }
    }

    private async Task ReportProgressAsync(
        string name, int count, ConcurrentQueue<OrderOutcome> outcomes, long started, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        var lastDone = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var done = outcomes.Count;
                var failed = outcomes.Count(o => !o.AsExpected);
                await progress.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{name}] {done}/{count} done, {(done - lastDone) / ProgressInterval.TotalSeconds:0.0}/s now, " +
                    $"{Stopwatch.GetElapsedTime(started).TotalSeconds:0} s, {failed} unexpected, RSS {ProcessMeter.RssMb():0} MB, load {ProcessMeter.LoadAverage():0.0}"));
                lastDone = done;
            }
        }
        catch (OperationCanceledException)
        {
            // The phase ended.
        }
    }
}

using FoodDelivery.Bench.Chaos;

namespace FoodDelivery.Bench.Tests;

/// <summary>
/// The CI-sized chaos run: 100 orders through the whole stack (in this process, the saga worker in its own) while
/// every fault kind happens (10% transient errors and 5% responses later than the activity timeout on every service,
/// one service down 10 s, the worker process killed with SIGKILL twice while it holds tasks, the persisting DevServer
/// restarted). Fails on any audit violation or order left behind.
/// </summary>
public sealed class ChaosRunTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("fooddelivery-chaos-report-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task RunAsync_HundredOrdersUnderEveryFaultKind_EveryOrderEndsAndTheAuditIsClean()
    {
        var options = new ChaosOptions
        {
            Orders = 100,
            Seed = 9,
            Clients = 8,
            Persist = true,
            OrderDeadline = TimeSpan.FromSeconds(150),
            OutputDirectory = _output,
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var report = await ChaosRunner.RunAsync(options, TextWriter.Null, deadline.Token);

        report.Failures.Should().BeEmpty(ChaosReportWriter.Markdown(report));
        report.Passed.Should().BeTrue();
        report.Audit.Violations.Should().BeEmpty();
        report.Stuck.Should().BeEmpty();
        report.OutcomesByState.Values.Sum().Should().Be(100);
        report.Injected.Select(f => f.Kind).Should().BeEquivalentTo(
            [FaultKind.ServiceOutage, FaultKind.WorkerKill, FaultKind.WorkerKill, FaultKind.DevServerRestart]);
        report.Injected.Should().OnlyContain(f => f.Error == null && f.OrdersInFlight > 0, "each fault lands while orders are running");
        report.FaultsByKind[nameof(FaultKind.TransientError)].Should().BePositive();
        report.FaultsByKind[nameof(FaultKind.SlowResponse)].Should().BePositive();
        report.ActivityRetries.Should().BePositive("injected failures and late answers are retried by the engine");
        report.Compensations.Should().BePositive("declined and out-of-stock orders undo their earlier steps");

        report.WorkerKills.Should().HaveCount(2);
        report.WorkerKills.Should().OnlyContain(k => k.ActivitiesInFlight > 0, "each kill lands while the worker process holds activity tasks");
        report.WorkerKills.SelectMany(k => new[] { k.KilledPid, k.NewPid }).Distinct().Should().HaveCount(3, "each kill ends one process and starts a new one");
        ChaosReportWriter.Summary(report).Should().Contain("worker process killed (SIGKILL) 2x");
        var workerLog = await File.ReadAllTextAsync(report.WorkerLog);
        foreach (var kill in report.WorkerKills)
        {
            workerLog.Should().Contain($"worker process {kill.KilledPid} killed (SIGKILL)").And.Contain($"worker process {kill.NewPid} started");
        }
    }
}

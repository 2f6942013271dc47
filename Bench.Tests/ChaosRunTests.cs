using FoodDelivery.Bench.Chaos;

namespace FoodDelivery.Bench.Tests;

/// <summary>
/// The CI-sized chaos run: 100 orders through the whole stack in this process while every fault kind happens (10%
/// transient errors and 5% responses later than the activity timeout on every service, one service down 10 s, the
/// worker killed twice, the persisting DevServer restarted). Fails on any audit violation or order left behind.
/// </summary>
public sealed class ChaosRunTests
{
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
            OutputDirectory = "unused",
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
    }
}

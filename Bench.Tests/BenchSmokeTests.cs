using System.Text.Json;

namespace FoodDelivery.Bench.Tests;

/// <summary>A tiny real run: the whole stack in this process, 20 sagas closed loop and the same 20 through the baseline.</summary>
public sealed class BenchSmokeTests
{
    private const int Orders = 20;

    [Fact]
    public async Task RunAsync_TwentySagasAndBaseline_ReportsEveryOrderAsExpectedAndACleanAudit()
    {
        // Every scenario appears in 20 orders: 50/25/25 makes 10 happy, 5 declined, 5 out of stock.
        var options = new BenchOptions
        {
            Clients = 4,
            Sagas = Orders,
            Warmup = 2,
            Mix = ScenarioMix.Parse("happy=50,declined=25,outofstock=25"),
            OrderTimeout = TimeSpan.FromSeconds(60),
            Couriers = 10,
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var report = await BenchRunner.RunAsync(options, TextWriter.Null, deadline.Token);

        report.Failures.Should().BeEmpty();
        report.Passed.Should().BeTrue();
        report.Audit.Clean.Should().BeTrue();
        report.Audit.InFlight.Should().Be(0);
        report.Audit.OrdersChecked.Should().Be(2 * (Orders + 2), "both phases and both warm-ups wrote their orders");
        foreach (var phase in new[] { report.Saga, report.Baseline! })
        {
            phase.Orders.Should().Be(Orders);
            phase.AsExpected.Should().Be(Orders);
            phase.EndsByScenario.Should().Equal(new Dictionary<string, int>
            {
                ["declined -> Rejected"] = 5,
                ["happy -> Delivered"] = 10,
                ["outofstock -> Rejected"] = 5,
            });
            phase.ThroughputPerSecond.Should().BePositive();
            phase.CpuMsPerOrder.Should().BePositive();
            phase.Confirmed!.Count.Should().Be(10);
            phase.Delivered!.Count.Should().Be(10);
            phase.Rejected!.Count.Should().Be(10);
            phase.Confirmed.P50.Should().BeLessThanOrEqualTo(phase.Confirmed.P99).And.BeLessThanOrEqualTo(phase.Delivered.P50);
        }

        report.SagaVersusBaseline!.Throughput.Should().BePositive();
        report.Process.PeakRssMb.Should().BePositive();
        report.Targets.Should().HaveCount(4);
    }

    [Fact]
    public void Markdown_OfAReport_HasThePhaseTableAndTheTargets()
    {
        var report = SampleReport();

        var markdown = ReportWriter.Markdown(report);

        markdown.Should().StartWith("# Benchmark PASSED");
        markdown.Should().Contain("| saga | 10 | 10 | 50 |");
        markdown.Should().Contain("| >= 100 sagas/s sustained (closed loop) | 50 sagas/s | NO |");
    }

    [Fact]
    public void Json_OfAReport_NamesEveryFigureInCamelCase()
    {
        var json = JsonSerializer.Serialize(SampleReport(), ReportWriter.Json);

        using var document = JsonDocument.Parse(json);
        var saga = document.RootElement.GetProperty("saga");
        saga.GetProperty("throughputPerSecond").GetDouble().Should().Be(50);
        saga.GetProperty("confirmed").GetProperty("p99").GetDouble().Should().Be(30);
        document.RootElement.GetProperty("audit").GetProperty("clean").GetBoolean().Should().BeTrue();
        document.RootElement.GetProperty("passed").GetBoolean().Should().BeTrue();
    }

    private static BenchReport SampleReport()
    {
        var latency = new LatencySummary(10, 10, 20, 30, 40);
        var saga = new PhaseReport("saga", 10, 10, 0, 0.2, 50, 1, 100, latency, latency, null, new Dictionary<string, int> { ["happy -> Delivered"] = 10 });
        var process = new ProcessReport(1, 200, 190, 10);
        var options = new BenchOptions();
        return new BenchReport(
            DateTime.UtcNow,
            new MachineInfo(2, "linux", ".NET", 1, 1),
            "embedded DevServer",
            options.DescribeLoad(),
            options.Mix.ToString(),
            10,
            0,
            saga,
            null,
            null,
            process,
            new AuditSummary(true, 10, 0, []),
            TargetChecks.Evaluate(options, saga, null, process),
            []);
    }
}

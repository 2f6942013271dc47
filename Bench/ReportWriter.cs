using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FoodDelivery.Bench;

/// <summary>Writes a <see cref="BenchReport"/> as JSON (for tools) and Markdown (for people), and the stdout summary.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes report.json and report.md into the folder; returns their paths.</summary>
    public static async Task<(string Json, string Markdown)> WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = Path.GetFullPath(Path.Combine(directory, "report.json"));
        var markdown = Path.GetFullPath(Path.Combine(directory, "report.md"));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json), cancellationToken);
        await File.WriteAllTextAsync(markdown, Markdown(report), cancellationToken);
        return (json, markdown);
    }

    public static string Markdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var m = report.Machine;
        Line($"# Benchmark {(report.Passed ? "PASSED" : "FAILED")}: {report.StartedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        Line();
        Line($"- engine: {report.Engine}");
        Line($"- load: {report.Load}; {report.OrdersPerPhase} orders per phase after {report.WarmupOrders} warm-up; mix {report.Mix}");
        Line($"- machine: {m.ProcessorCount} cores, {m.Os}, {m.Runtime}; load average {Number(m.LoadAverageBefore)} before, {Number(m.LoadAverageAfter)} after");
        Line($"- process: {Number(report.Process.CpuSeconds)} s CPU in all, peak RSS {Number(report.Process.PeakRssMb)} MB, RSS at the end {Number(report.Process.RssMbAtEnd)} MB");
        Line($"- audit: {(report.Audit.Clean ? "clean" : "VIOLATIONS")} ({report.Audit.OrdersChecked} orders, {report.Audit.InFlight} in flight)");
        Line();
        Line("| phase | orders | as expected | throughput /s | CPU ms/order | CONFIRMED p50 / p90 / p99 / max ms | DELIVERED p50 / p90 / p99 / max ms | REJECTED p50 / p99 ms |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (var phase in new[] { report.Saga, report.Baseline }.OfType<PhaseReport>())
        {
            Line($"| {phase.Name} | {phase.Orders} | {phase.AsExpected} | {Number(phase.ThroughputPerSecond)} | {Number(phase.CpuMsPerOrder)} | " +
                 $"{Percentiles(phase.Confirmed)} | {Percentiles(phase.Delivered)} | {Number(phase.Rejected?.P50)} / {Number(phase.Rejected?.P99)} |");
        }

        if (report.SagaVersusBaseline is { } r)
        {
            Line();
            Line($"Saga / baseline: throughput {Number(r.Throughput)}, CONFIRMED p50 {Number(r.ConfirmedP50)}x, DELIVERED p50 {Number(r.DeliveredP50)}x, CPU per order {Number(r.CpuPerOrder)}x.");
        }

        Line();
        Line("| target | measured | met |");
        Line("|---|---|---|");
        foreach (var target in report.Targets)
        {
            Line($"| {target.Target} | {target.Measured} | {target.Met switch { true => "yes", false => "NO", null => "not tested by this load" }} |");
        }

        if (report.Failures.Count > 0)
        {
            Line();
            Line("Failures:");
            foreach (var failure in report.Failures)
            {
                Line($"- {failure}");
            }
        }

        return md.ToString();
    }

    /// <summary>A few lines for the terminal.</summary>
    public static string Summary(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        foreach (var phase in new[] { report.Baseline, report.Saga }.OfType<PhaseReport>())
        {
            text.Append(CultureInfo.InvariantCulture, $"{phase.Name,-9} {Number(phase.ThroughputPerSecond)} orders/s, CONFIRMED {Percentiles(phase.Confirmed)} ms, DELIVERED {Percentiles(phase.Delivered)} ms (p50/p90/p99/max), {Number(phase.CpuMsPerOrder)} ms CPU/order, {phase.AsExpected}/{phase.Orders} as expected\n");
        }

        if (report.SagaVersusBaseline is { } r)
        {
            text.Append(CultureInfo.InvariantCulture, $"saga/baseline throughput {Number(r.Throughput)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"peak RSS {Number(report.Process.PeakRssMb)} MB, RSS at end {Number(report.Process.RssMbAtEnd)} MB; load average {Number(report.Machine.LoadAverageBefore)} -> {Number(report.Machine.LoadAverageAfter)}\n");
        text.Append(report.Audit.Clean && report.Audit.InFlight == 0 ? "audit clean\n" : "AUDIT FAILED\n");
        foreach (var target in report.Targets.Where(t => t.Met is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"target {(target.Met == true ? "met" : "MISSED")}: {target.Target}: {target.Measured}\n");
        }

        foreach (var failure in report.Failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"FAILURE: {failure}\n");
        }

        text.Append(report.Passed ? "PASSED\n" : "FAILED\n");
        return text.ToString();
    }

    private static string Percentiles(LatencySummary? latency) =>
        latency is null ? "-" : $"{Number(latency.P50)} / {Number(latency.P90)} / {Number(latency.P99)} / {Number(latency.Max)}";

    private static string Number(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-";
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FoodDelivery.Bench.Chaos;

/// <summary>Writes a <see cref="ChaosReport"/> as JSON (for tools) and Markdown (for people), and the terminal summary.</summary>
public static class ChaosReportWriter
{
    /// <summary>Writes chaos.json and chaos.md into the folder; returns their paths.</summary>
    public static async Task<(string Json, string Markdown)> WriteAsync(ChaosReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = Path.GetFullPath(Path.Combine(directory, "chaos.json"));
        var markdown = Path.GetFullPath(Path.Combine(directory, "chaos.md"));
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, ReportWriter.Json), cancellationToken);
        await File.WriteAllTextAsync(markdown, Markdown(report), cancellationToken);
        return (json, markdown);
    }

    public static string Markdown(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var m = report.Machine;
        var f = report.FaultSettings;
        Line($"# Chaos run {(report.Passed ? "PASSED" : "FAILED")}: {report.StartedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, seed {report.Seed}");
        Line();
        Line($"- {report.Orders} orders, {report.Clients} closed-loop clients, {Number(report.WallTimeSeconds)} s ({Number(report.OrdersPerSecond)} orders/s)");
        Line($"- engine: {report.Engine}");
        Line($"- saga worker: its own process (the Orchestrator); output of every worker process in {report.WorkerLog}");
        Line($"- machine: {m.ProcessorCount} cores, {m.Os}; load average {Number(m.LoadAverageBefore)} before, {Number(m.LoadAverageAfter)} after");
        Line($"- faults: {Percent(f.TransientErrorRate)} transient errors and {Percent(f.SlowResponseRate)} responses {Number(f.SlowResponseSeconds)} s late " +
             $"(activity start-to-close {Number(f.ActivityStartToCloseSeconds)} s) on every service; one service down {Number(f.OutageSeconds)} s; " +
             $"{f.WorkerKills} worker kills; DevServer restart: {(f.DevServerPersisted ? "yes" : "no (in memory)")}");
        Line($"- audit: {(report.Audit.Clean ? "clean" : $"{report.Audit.Violations.Count} VIOLATIONS")} ({report.Audit.OrdersChecked} orders checked)");
        Line();
        Table("outcome", "orders", report.OutcomesByState.Select(o => (o.Key, o.Value.ToString(CultureInfo.InvariantCulture))));
        Table("scenario -> end", "orders", report.EndsByScenario.Select(o => (o.Key, o.Value.ToString(CultureInfo.InvariantCulture))));
        Table("fault", "injected", report.FaultsByKind.Select(o => (o.Key, o.Value.ToString(CultureInfo.InvariantCulture))));
        Line("| when | fault | target | orders ended / in flight | took |");
        Line("|---|---|---|---|---|");
        foreach (var fault in report.Injected)
        {
            Line($"| {Number(fault.AtSeconds)} s | {fault.Kind} | {fault.Target} | {fault.OrdersEnded} / {fault.OrdersInFlight} | {Number(fault.DurationSeconds)} s{(fault.Error is null ? string.Empty : " FAILED: " + fault.Error)} |");
        }

        Line();
        Line(WorkerKills(report));
        Line();
        Line("| killed process (SIGKILL) | sagas in flight | activity tasks it held | workflow tasks in flight | new process | its first task after |");
        Line("|---|---|---|---|---|---|");
        foreach (var kill in report.WorkerKills)
        {
            Line($"| {kill.KilledPid} | {kill.SagasInFlight} | {kill.ActivitiesInFlight} | {kill.WorkflowTasksInFlight} | {kill.NewPid} | {Number(kill.NewWorkerReadyAfterSeconds)} s |");
        }

        Line();
        Table($"activity retried ({report.ActivityRetries} in all; PlaceOrder retried by clients: {report.PlaceOrderRetries})", "retries",
            report.RetriesByActivity.Select(r => (r.Key, r.Value.ToString(CultureInfo.InvariantCulture))));
        Table($"compensation ({report.Compensations} in all)", "run", report.CompensationsByStep.Select(c => (c.Key, c.Value.ToString(CultureInfo.InvariantCulture))));
        List("Orders in NEEDS_ATTENTION", report.NeedsAttention);
        List("Failures", report.Failures);
        return md.ToString();

        void Table(string what, string count, IEnumerable<(string Name, string Value)> rows)
        {
            Line($"| {what} | {count} |");
            Line("|---|---|");
            foreach (var (name, value) in rows)
            {
                Line($"| {name} | {value} |");
            }

            Line();
        }

        void List(string title, IReadOnlyList<string> items)
        {
            if (items.Count == 0)
            {
                return;
            }

            Line($"{title}:");
            foreach (var item in items)
            {
                Line($"- {item}");
            }

            Line();
        }
    }

    /// <summary>A few lines for the terminal.</summary>
    public static string Summary(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {report.Seed}: {report.Orders} orders in {Number(report.WallTimeSeconds)} s; ");
        text.Append(string.Join(", ", report.OutcomesByState.Select(o => $"{o.Key} {o.Value}"))).Append('\n');
        text.Append("faults: ").Append(string.Join(", ", report.FaultsByKind.Select(o => $"{o.Key} {o.Value}"))).Append('\n');
        text.Append(WorkerKills(report)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"activity retries {report.ActivityRetries}, PlaceOrder retries {report.PlaceOrderRetries}, compensations {report.Compensations}\n");
        text.Append(report.Audit.Clean ? "audit clean\n" : $"AUDIT: {report.Audit.Violations.Count} violations\n");
        foreach (var order in report.NeedsAttention)
        {
            text.Append(CultureInfo.InvariantCulture, $"NEEDS_ATTENTION: {order}\n");
        }

        foreach (var failure in report.Failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"FAILURE: {failure}\n");
        }

        text.Append(report.Passed ? "PASSED\n" : "FAILED\n");
        return text.ToString();
    }

    /// <summary>"worker process killed (SIGKILL) 2x: pid 123 (holding 3 activity and 1 workflow tasks) -> pid 456, ...".</summary>
    public static string WorkerKills(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var kills = report.WorkerKills;
        return kills.Count == 0
            ? "worker process killed (SIGKILL) 0x"
            : $"worker process killed (SIGKILL) {kills.Count}x: " + string.Join(", ", kills.Select(k => string.Create(
                CultureInfo.InvariantCulture,
                $"pid {k.KilledPid} (holding {k.ActivitiesInFlight} activity and {k.WorkflowTasksInFlight} workflow tasks) -> pid {k.NewPid}")));
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Number(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-";
}

using FoodDelivery.Cli.Infrastructure;
using Spectre.Console;

namespace FoodDelivery.Cli.Demo;

/// <summary>The demo's two tables: each order's saga while it runs, and how every story ended.</summary>
public static class DemoTables
{
    public static Table Progress(IReadOnlyList<ScenarioRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new Table().AddColumns("order", "scenario", "saga state", "last step", "time");
        table.Title = new TableTitle("orders in flight");
        foreach (var run in runs)
        {
            var lastStep = run.View?.Saga is { } saga
                ? saga.CompensationsRun.Count > 0 ? "undo " + saga.CompensationsRun[^1] : saga.StepsDone.LastOrDefault() ?? "-"
                : "-";
            var state = run.Ended ? $"[{(run.AsExpected ? "green" : "red")}]{Markup.Escape(run.State)}[/]" : $"[yellow]{Markup.Escape(run.State)}[/]";
            table.AddRow(
                new Text(run.OrderId),
                new Text(run.Scenario.Name),
                new Markup(state),
                new Text(lastStep),
                new Text(Display.Seconds(run.Elapsed)));
        }

        return table;
    }

    public static Table Results(IReadOnlyList<ScenarioRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new Table().AddColumns("order", "scenario", "final state", "steps", "compensations", "time");
        table.Title = new TableTitle("how each saga ended");
        foreach (var run in runs)
        {
            var saga = run.View?.Saga;
            var final = run.AsExpected
                ? $"[green]{Markup.Escape(run.State)}[/]"
                : $"[red]{Markup.Escape(run.State)} (expected {run.Scenario.Expected})[/]";
            if (run.Error is not null)
            {
                final += $" [red]{Markup.Escape(run.Error)}[/]";
            }
            else if (!string.IsNullOrEmpty(saga?.OutcomeReason))
            {
                // The reason code is enough here ("OUT_OF_STOCK: ..."); `order status` shows the whole sentence.
                final += $" [grey]{Markup.Escape(saga.OutcomeReason.Split(':')[0])}[/]";
            }

            table.AddRow(
                new Text(run.OrderId),
                new Text(run.Scenario.Name),
                new Markup(final),
                new Text((saga?.StepsDone.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(Display.List(saga?.CompensationsRun ?? [])),
                new Text(Display.Seconds(run.Elapsed)));
        }

        return table;
    }
}

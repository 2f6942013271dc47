using FoodDelivery.Audit;
using Spectre.Console;

namespace FoodDelivery.Cli.Operations;

/// <summary>Prints an audit report: one summary line, every violation, and the orders still in flight.</summary>
public static class AuditPrinter
{
    public static void Print(IAnsiConsole console, AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var counts = $"{report.OrdersChecked} orders, {report.MenuItemsChecked} menu items, {report.CouriersChecked} couriers";
        if (report.IsClean)
        {
            console.MarkupLineInterpolated($"[green]audit clean[/]: {counts}, {report.OrdersInFlight.Count} in flight");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]audit found {report.Violations.Count} violation(s)[/] in {counts}:");
            foreach (var violation in report.Violations)
            {
                console.MarkupLineInterpolated($"  [red]{violation.Rule}[/] {violation.Subject}: {violation.Detail}");
            }
        }

        foreach (var order in report.OrdersInFlight)
        {
            console.MarkupLineInterpolated($"  [grey]in flight (not judged): {order}[/]");
        }
    }
}

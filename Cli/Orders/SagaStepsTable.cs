using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FoodDelivery.Cli.Orders;

/// <summary>The saga's forward steps in their order, each done or not yet, then the compensations that ran.</summary>
public static class SagaStepsTable
{
    /// <summary>The forward path of a delivered order (Orchestrator/Saga/OrderSaga.workflow.cs).</summary>
    public static readonly IReadOnlyList<string> ForwardSteps =
    [
        SagaSteps.RecordOrder,
        SagaSteps.ReserveItems,
        SagaSteps.AuthorizePayment,
        SagaSteps.RestaurantAcceptance,
        SagaSteps.ConfirmTicket,
        SagaSteps.AssignCourier,
        SagaSteps.CapturePayment,
        SagaSteps.ConfirmOrder,
        SagaSteps.ConfirmPickup,
        SagaSteps.MarkPickedUp,
        SagaSteps.ConfirmDelivery,
        SagaSteps.MarkDelivered,
    ];

    /// <summary>The table, under one line that says where the saga and the order are (not squeezed to the table's width).</summary>
    public static IRenderable Build(OrderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var saga = view.Saga;
        var done = saga?.StepsDone.ToHashSet(StringComparer.Ordinal) ?? [];
        var table = new Table().AddColumns("step", "progress");
        var current = saga is { Finished: false } ? ForwardSteps.FirstOrDefault(s => !done.Contains(s)) : null;
        foreach (var step in ForwardSteps)
        {
            var progress = done.Contains(step) ? "[green]done[/]"
                : step == current && saga?.CompensationsRun.Count == 0 ? "[yellow]next[/]"
                : "[grey]-[/]";
            table.AddRow(new Text(step), new Markup(progress));
        }

        foreach (var compensation in saga?.CompensationsRun ?? [])
        {
            table.AddRow(new Markup($"[red]undo[/] {Markup.Escape(compensation)}"), new Markup("[green]done[/]"));
        }

        var record = view.Order is { } order ? Display.Status(order.Status) : "not recorded yet";
        var headline = $"order {view.OrderId}: saga {saga?.State ?? "unknown"}{(saga?.Finished == true ? " (ended)" : string.Empty)}, order {record}";
        if (!string.IsNullOrEmpty(saga?.OutcomeReason))
        {
            headline += $": {saga.OutcomeReason}";
        }
        else if (!string.IsNullOrEmpty(saga?.LastError))
        {
            headline += $"; last error: {saga.LastError}";
        }

        return new Rows(new Text(headline), table);
    }
}

using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;

namespace FoodDelivery.Cli.Orders;

/// <summary>One order as a person reads it: the record (what was ordered, its status) and the saga (where it is, why).</summary>
public static class OrderViewTable
{
    public static Grid Build(OrderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value));

        Row("order", view.OrderId);
        if (view.Order is { } order)
        {
            Row("status", Display.Status(order.Status));
            Row("customer", order.CustomerId);
            Row("restaurant", order.RestaurantId);
            Row("items", Display.List(order.Lines.Select(l => $"{l.ItemId} x{l.Quantity}")));
            Row("total", Display.Money(order.Total));
            Row("created", Display.Time(order.CreatedAt));
        }
        else
        {
            Row("status", "not recorded yet");
        }

        if (view.Saga is { } saga)
        {
            Row("saga state", saga.State + (saga.Finished ? " (ended)" : string.Empty));
            Row("steps done", Display.List(saga.StepsDone));
            Row("compensations", Display.List(saga.CompensationsRun));
            Row("outcome", Display.OrNone(saga.OutcomeReason));
            Row("last error", Display.OrNone(saga.LastError));
            if (!string.IsNullOrEmpty(saga.PendingCompensation))
            {
                Row("pending compensation", saga.PendingCompensation);
            }

            if (!saga.Finished)
            {
                Row("deadlines", Deadlines(saga));
            }
        }
        else
        {
            Row("saga state", "unknown to the engine (retention passed)");
        }

        return grid;
    }

    private static string Deadlines(SagaStatus saga)
    {
        var deadlines = new List<string>();
        void Add(string name, Google.Protobuf.WellKnownTypes.Timestamp? at)
        {
            if (at is not null)
            {
                deadlines.Add($"{name} {Display.Time(at)}");
            }
        }

        Add("acceptance", saga.AcceptanceDeadline);
        Add("courier", saga.CourierDeadline);
        Add("pickup", saga.PickupDeadline);
        Add("delivery", saga.DeliveryDeadline);
        return Display.List(deadlines);
    }
}

using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Orders;

/// <summary>`order watch &lt;id&gt;`: the saga's steps, live, from OrderingApi.WatchOrder until the saga ends.</summary>
public sealed class WatchOrderCommand(IAnsiConsole console) : OrderApiCommand<WatchOrderCommand.Settings>(console)
{
    public sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<ORDER_ID>")]
        [Description("The order to follow")]
        public string OrderId { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        using var call = api.Ordering.WatchOrder(new WatchOrderRequest { OrderId = settings.OrderId }, cancellationToken: cancellationToken);

        // The first view arrives before the live display starts, so an unknown order fails with its error alone.
        if (!await call.ResponseStream.MoveNext(cancellationToken))
        {
            Console.MarkupLineInterpolated($"[red]the Order service ended the watch of {settings.OrderId} without a view[/]");
            return ExitCodes.Failed;
        }

        var last = call.ResponseStream.Current;
        if (Console.Profile.Capabilities.Interactive)
        {
            await Console.Live(SagaStepsTable.Build(last)).StartAsync(async live =>
            {
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    last = call.ResponseStream.Current;
                    live.UpdateTarget(SagaStepsTable.Build(last));
                    live.Refresh();
                }
            });
        }
        else
        {
            // Nothing can be redrawn (a file, a log): one line per change instead.
            PrintLine(last);
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                last = call.ResponseStream.Current;
                PrintLine(last);
            }
        }

        if (last.Saga is { Finished: true } saga)
        {
            Console.MarkupLineInterpolated($"order {last.OrderId} ended: {saga.State}");
        }
        else
        {
            Console.MarkupLineInterpolated($"order {last.OrderId}: the stream ended before the saga did; last state {last.Saga?.State ?? "unknown"}");
        }

        return ExitCodes.Ok;
    }

    private void PrintLine(OrderView view)
    {
        var saga = view.Saga;
        var latest = saga is null ? "-"
            : saga.CompensationsRun.Count > 0 ? "undo " + saga.CompensationsRun[^1]
            : saga.StepsDone.LastOrDefault() ?? "-";
        var record = view.Order is { } order ? Display.Status(order.Status) : "not recorded yet";
        Console.MarkupLineInterpolated($"{saga?.State ?? "unknown",-20} order {record,-16} last step: {latest}");
    }
}

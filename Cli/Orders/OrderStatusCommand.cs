using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Orders;

/// <summary>`order status &lt;id&gt;`: the order record and its saga's live status.</summary>
public sealed class OrderStatusCommand(IAnsiConsole console) : OrderApiCommand<OrderStatusCommand.Settings>(console)
{
    public sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<ORDER_ID>")]
        [Description("The order, e.g. ord-0123456789abcdef0123")]
        public string OrderId { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var view = await api.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = settings.OrderId }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(view));
        return ExitCodes.Ok;
    }
}

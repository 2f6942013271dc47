using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Orders;

/// <summary>`order cancel &lt;id&gt; --reason`: the customer's cancellation; answers once the saga has undone the order.</summary>
public sealed class CancelOrderCommand(IAnsiConsole console) : OrderApiCommand<CancelOrderCommand.Settings>(console)
{
    public sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<ORDER_ID>")]
        [Description("The order to cancel")]
        public string OrderId { get; set; } = string.Empty;

        [CommandOption("--reason <TEXT>", isRequired: true)]
        [Description("Why, as the customer says it")]
        public string Reason { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Ordering.CancelOrderAsync(
            new CancelOrderRequest { OrderId = settings.OrderId, Reason = settings.Reason }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

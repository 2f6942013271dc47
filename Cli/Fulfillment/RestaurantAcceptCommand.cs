using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Orders;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Fulfillment;

/// <summary>`restaurant accept &lt;order&gt; --restaurant`: the restaurant takes the ticket (signals the saga).</summary>
public sealed class RestaurantAcceptCommand(IAnsiConsole console) : OrderApiCommand<RestaurantAcceptCommand.Settings>(console)
{
    public class Settings : GlobalSettings
    {
        [CommandArgument(0, "<ORDER_ID>")]
        [Description("The order whose ticket the restaurant answers")]
        public string OrderId { get; set; } = string.Empty;

        [CommandOption("--restaurant <ID>", isRequired: true)]
        [Description("The restaurant answering, e.g. rest-pizzeria (must be the order's)")]
        public string Restaurant { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Fulfillment.AcceptTicketAsync(
            new AcceptTicketRequest { OrderId = settings.OrderId, RestaurantId = settings.Restaurant }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

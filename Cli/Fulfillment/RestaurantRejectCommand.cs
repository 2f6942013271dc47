using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Orders;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Fulfillment;

/// <summary>`restaurant reject &lt;order&gt; --restaurant --reason`: the restaurant refuses the ticket; the saga undoes the order.</summary>
public sealed class RestaurantRejectCommand(IAnsiConsole console) : OrderApiCommand<RestaurantRejectCommand.Settings>(console)
{
    public sealed class Settings : RestaurantAcceptCommand.Settings
    {
        [CommandOption("--reason <TEXT>", isRequired: true)]
        [Description("Why, e.g. \"kitchen closed\"")]
        public string Reason { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Fulfillment.RejectTicketAsync(
            new RejectTicketRequest { OrderId = settings.OrderId, RestaurantId = settings.Restaurant, Reason = settings.Reason },
            cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

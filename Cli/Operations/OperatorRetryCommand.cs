using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Orders;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Operations;

/// <summary>`operator retry &lt;order&gt;`: runs the compensation that failed for good (NEEDS_ATTENTION) again.</summary>
public sealed class OperatorRetryCommand(IAnsiConsole console) : OrderApiCommand<OperatorRetryCommand.Settings>(console)
{
    public class Settings : GlobalSettings
    {
        [CommandArgument(0, "<ORDER_ID>")]
        [Description("An order in NEEDS_ATTENTION")]
        public string OrderId { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Operators.RetryCompensationAsync(new OperatorRequest { OrderId = settings.OrderId }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

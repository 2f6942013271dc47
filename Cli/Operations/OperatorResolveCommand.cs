using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Orders;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Operations;

/// <summary>`operator resolve &lt;order&gt; --note`: the failed compensation was handled by hand; the saga finishes.</summary>
public sealed class OperatorResolveCommand(IAnsiConsole console) : OrderApiCommand<OperatorResolveCommand.Settings>(console)
{
    public sealed class Settings : OperatorRetryCommand.Settings
    {
        [CommandOption("--note <TEXT>", isRequired: true)]
        [Description("What the operator did, e.g. \"refunded by hand, ticket 4711\"")]
        public string Note { get; set; } = string.Empty;
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Operators.ResolveOrderAsync(
            new OperatorRequest { OrderId = settings.OrderId, Note = settings.Note }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

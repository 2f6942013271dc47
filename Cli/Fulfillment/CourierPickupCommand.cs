using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Orders;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;

namespace FoodDelivery.Cli.Fulfillment;

/// <summary>`courier pickup &lt;order&gt; --courier`: the courier has the food (no more cancellation after this).</summary>
public sealed class CourierPickupCommand(IAnsiConsole console) : OrderApiCommand<CourierSettings>(console)
{
    protected override async Task<int> RunAsync(OrderApiClients api, CourierSettings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Fulfillment.ConfirmPickupAsync(
            new CourierReportRequest { OrderId = settings.OrderId, CourierId = settings.Courier }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

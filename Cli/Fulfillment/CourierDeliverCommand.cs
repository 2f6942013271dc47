using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Orders;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;

namespace FoodDelivery.Cli.Fulfillment;

/// <summary>`courier deliver &lt;order&gt; --courier`: the courier handed the food over; the saga ends DELIVERED.</summary>
public sealed class CourierDeliverCommand(IAnsiConsole console) : OrderApiCommand<CourierSettings>(console)
{
    protected override async Task<int> RunAsync(OrderApiClients api, CourierSettings settings, CancellationToken cancellationToken)
    {
        var answer = await api.Fulfillment.ConfirmDeliveredAsync(
            new CourierReportRequest { OrderId = settings.OrderId, CourierId = settings.Courier }, cancellationToken: cancellationToken);
        Console.Write(OrderViewTable.Build(answer.View));
        return ExitCodes.Ok;
    }
}

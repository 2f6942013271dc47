using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Orders;

/// <summary>`order list --customer`: a customer's orders, newest first, one page at a time.</summary>
public sealed class ListOrdersCommand(IAnsiConsole console) : OrderApiCommand<ListOrdersCommand.Settings>(console)
{
    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--customer <ID>", isRequired: true)]
        [Description("Whose orders, e.g. cust-ada")]
        public string Customer { get; set; } = string.Empty;

        [CommandOption("--page-size <N>")]
        [Description("Orders per page, 1 to 100")]
        [DefaultValue(20)]
        public int PageSize { get; set; } = 20;

        [CommandOption("--page-token <TOKEN>")]
        [Description("The next page, as printed under the previous one")]
        public string? PageToken { get; set; }

        public override ValidationResult Validate() =>
            PageSize is < 1 or > 100 ? ValidationResult.Error("--page-size must be between 1 and 100") : base.Validate();
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var page = await api.Ordering.ListCustomerOrdersAsync(
            new ListOrdersRequest { CustomerId = settings.Customer, PageSize = settings.PageSize, PageToken = settings.PageToken ?? string.Empty },
            cancellationToken: cancellationToken);
        if (page.Orders.Count == 0)
        {
            Console.MarkupLineInterpolated($"no orders for {settings.Customer}");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("order", "status", "restaurant", "items", "total", "created");
        foreach (var order in page.Orders)
        {
            table.AddRow(
                new Text(order.OrderId),
                new Text(Display.Status(order.Status)),
                new Text(order.RestaurantId),
                new Text(Display.List(order.Lines.Select(l => $"{l.ItemId} x{l.Quantity}"))),
                new Text(Display.Money(order.Total)),
                new Text(Display.Time(order.CreatedAt)));
        }

        Console.Write(table);
        if (page.NextPageToken.Length > 0)
        {
            Console.MarkupLineInterpolated($"[grey]more: --page-token {page.NextPageToken}[/]");
        }

        return ExitCodes.Ok;
    }
}

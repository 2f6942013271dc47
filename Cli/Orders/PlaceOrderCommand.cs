using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Contracts.Order.V1;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Orders;

/// <summary>`order place`: prices and places an order (its saga starts), prints the order id.</summary>
public sealed class PlaceOrderCommand(IAnsiConsole console) : OrderApiCommand<PlaceOrderCommand.Settings>(console)
{
    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--customer <ID>", isRequired: true)]
        [Description("Who orders, e.g. cust-ada")]
        public string Customer { get; set; } = string.Empty;

        [CommandOption("--restaurant <ID>", isRequired: true)]
        [Description("Where from, e.g. rest-pizzeria")]
        public string Restaurant { get; set; } = string.Empty;

        [CommandOption("-i|--item <ITEM:QUANTITY>", isRequired: true)]
        [Description("A menu item and how many, e.g. item-margherita:2; repeat for more items")]
        public string[] Items { get; set; } = [];

        [CommandOption("--address <ADDRESS>", isRequired: true)]
        [Description("Delivery address: " + OrderArguments.AddressFormat)]
        public string Address { get; set; } = string.Empty;

        [CommandOption("--payment-token <TOKEN>", isRequired: true)]
        [Description("Payment method token: tok_visa approves, tok_declined declines (see Services/Payment/README.md)")]
        public string PaymentToken { get; set; } = string.Empty;

        [CommandOption("--request-id <ID>")]
        [Description("Your id for this request; repeating it returns the same order instead of a second one (default: a new id)")]
        public string? RequestId { get; set; }

        public override ValidationResult Validate()
        {
            foreach (var item in Items)
            {
                if (!OrderArguments.TryParseItem(item, out _, out var error))
                {
                    return ValidationResult.Error(error);
                }
            }

            return OrderArguments.TryParseAddress(Address, out _, out var addressError)
                ? base.Validate()
                : ValidationResult.Error(addressError);
        }

        public PlaceOrderRequest ToRequest()
        {
            OrderArguments.TryParseAddress(Address, out var address, out _);
            var request = new PlaceOrderRequest
            {
                ClientRequestId = RequestId ?? Guid.NewGuid().ToString("N"),
                CustomerId = Customer,
                RestaurantId = Restaurant,
                DeliveryAddress = address,
                PaymentMethodToken = PaymentToken,
            };
            foreach (var text in Items)
            {
                OrderArguments.TryParseItem(text, out var item, out _);
                request.Items.Add(item);
            }

            return request;
        }
    }

    protected override async Task<int> RunAsync(OrderApiClients api, Settings settings, CancellationToken cancellationToken)
    {
        var request = settings.ToRequest();
        var placed = await api.Ordering.PlaceOrderAsync(request, cancellationToken: cancellationToken);
        Console.WriteLine(placed.OrderId);
        Console.MarkupLineInterpolated(
            $"[grey]{(placed.Existing ? "already placed" : "placed")}: total {Display.Money(placed.Total)}, saga {placed.WorkflowId}, request id {request.ClientRequestId}[/]");
        return ExitCodes.Ok;
    }
}

using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Fulfillment;

/// <summary>What a courier reports about: the order, and who they are.</summary>
public sealed class CourierSettings : GlobalSettings
{
    [CommandArgument(0, "<ORDER_ID>")]
    [Description("The order the courier carries")]
    public string OrderId { get; set; } = string.Empty;

    [CommandOption("--courier <ID>", isRequired: true)]
    [Description("The assigned courier, e.g. courier-1 (see the delivery service's assignment)")]
    public string Courier { get; set; } = string.Empty;
}

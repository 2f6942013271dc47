using FoodDelivery.Cli.Demo;
using FoodDelivery.Cli.Fulfillment;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Operations;
using FoodDelivery.Cli.Orders;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli;

/// <summary>The `fooddelivery` command line: every command, and how errors end (a clear message and an exit code).</summary>
public static class CliApp
{
    public const string Name = "fooddelivery";

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var commands = new CommandPaths();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName(Name);
            config.ConfigureConsole(console);

            // An option no command knows is a mistake to point out, not something to ignore.
            config.Settings.StrictParsing = true;
            config.Settings.Registrar.RegisterInstance(console);
            config.SetExceptionHandler((error, _) => Fail(console, commands, args, error));
            Register(config, commands);
        });
        return await app.RunAsync(args, cancellationToken);
    }

    private static void Register(IConfigurator config, CommandPaths commands)
    {
        config.AddBranch("order", order =>
        {
            order.SetDescription("Place, follow and cancel orders (the customer's side)");
            commands.Add<PlaceOrderCommand>(order, "order", "place", "Place an order; prints its id",
                "order", "place", "--customer", "cust-ada", "--restaurant", "rest-pizzeria", "--item", "item-margherita:2",
                "--address", "\"Skalitzer Strasse 1, Berlin, 10999, DE\"", "--payment-token", "tok_visa");
            commands.Add<OrderStatusCommand>(order, "order", "status", "The order and its saga's status", "order", "status", "ord-0123456789abcdef0123");
            commands.Add<ListOrdersCommand>(order, "order", "list", "A customer's orders, newest first", "order", "list", "--customer", "cust-ada");
            commands.Add<CancelOrderCommand>(order, "order", "cancel", "Cancel an order (until the courier picked it up)",
                "order", "cancel", "ord-0123456789abcdef0123", "--reason", "\"changed my mind\"");
            commands.Add<WatchOrderCommand>(order, "order", "watch", "Follow the saga's steps live until it ends", "order", "watch", "ord-0123456789abcdef0123");
        });
        config.AddBranch("restaurant", restaurant =>
        {
            restaurant.SetDescription("Answer an order's ticket (the restaurant's side)");
            commands.Add<RestaurantAcceptCommand>(restaurant, "restaurant", "accept", "Accept the ticket",
                "restaurant", "accept", "ord-0123456789abcdef0123", "--restaurant", "rest-pizzeria");
            commands.Add<RestaurantRejectCommand>(restaurant, "restaurant", "reject", "Reject the ticket; the order is undone",
                "restaurant", "reject", "ord-0123456789abcdef0123", "--restaurant", "rest-pizzeria", "--reason", "\"kitchen closed\"");
        });
        config.AddBranch("courier", courier =>
        {
            courier.SetDescription("Report pickup and delivery (the courier's side)");
            commands.Add<CourierPickupCommand>(courier, "courier", "pickup", "The courier picked the order up",
                "courier", "pickup", "ord-0123456789abcdef0123", "--courier", "courier-1");
            commands.Add<CourierDeliverCommand>(courier, "courier", "deliver", "The courier delivered the order",
                "courier", "deliver", "ord-0123456789abcdef0123", "--courier", "courier-1");
        });
        config.AddBranch("operator", operators =>
        {
            operators.SetDescription("Help an order in NEEDS_ATTENTION (a compensation failed for good)");
            commands.Add<OperatorRetryCommand>(operators, "operator", "retry", "Run the failed compensation again",
                "operator", "retry", "ord-0123456789abcdef0123");
            commands.Add<OperatorResolveCommand>(operators, "operator", "resolve", "Mark it handled by hand, with a note",
                "operator", "resolve", "ord-0123456789abcdef0123", "--note", "\"refunded by hand\"");
        });
        config.AddBranch("history", history =>
        {
            history.SetDescription("Saga workflow histories");
            commands.Add<HistoryExportCommand>(history, "history", "export", "Export a saga's history as JSON (for the replay corpus)",
                "history", "export", "ord-0123456789abcdef0123", "--out", "Workflows.Tests/Histories/my-scenario.json");
        });
        commands.Add<DemoCommand>(config, "demo", "Start the whole system in this process and show every scenario; nothing needs to run", "demo");
        commands.Add<AuditCommand>(config, "audit", "Check the cross-service invariants; non-zero exit on any violation", "audit", "--data", "data");
        commands.Add<TokenCommand>(config, "token", "Print a development token for a party (e.g. for grpcurl)", "token", "customer:cust-ada");
    }

    /// <summary>
    /// Anything a command did not handle ends here. Bad arguments print the error and the command's usage (its help)
    /// with <see cref="ExitCodes.Usage"/>; anything else is one line, no stack trace.
    /// </summary>
    private static int Fail(IAnsiConsole console, CommandPaths commands, string[] args, Exception error)
    {
        if (error is OperationCanceledException)
        {
            console.MarkupLine("[grey]stopped[/]");
            return ExitCodes.Interrupted;
        }

        if (error is CommandAppException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.WriteLine();
            var help = new CommandApp();
            help.Configure(config =>
            {
                config.SetApplicationName(Name);
                config.ConfigureConsole(console);
                Register(config, new CommandPaths());
            });
            help.Run([.. commands.PathOf(args), "--help"]);
            return ExitCodes.Usage;
        }

        console.MarkupLineInterpolated($"[red]error:[/] {error.GetBaseException().Message}");
        return ExitCodes.Failed;
    }
}

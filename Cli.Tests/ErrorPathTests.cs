using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Tests.Support;

namespace FoodDelivery.Cli.Tests;

/// <summary>What a person sees when the system is not there or the arguments are wrong: one actionable message and an exit code.</summary>
public sealed class ErrorPathTests
{
    [Fact]
    public async Task OrderStatus_OrderServiceUnreachable_ExitsTwoNamingTheAddressAndWhatToStart()
    {
        var address = $"http://127.0.0.1:{FreePort.Next()}";

        var run = await CliRun.RunAsync("order", "status", "ord-0123456789abcdef0123", "--order-address", address);

        run.ExitCode.Should().Be(ExitCodes.Unreachable, run.ToString());
        run.Output.Should().Contain($"cannot reach the Order service at {address}")
            .And.Contain("dotnet run --project Cli -- demo --keep-running")
            .And.NotContain("   at ", "no stack trace");
    }

    [Fact]
    public async Task OrderPlace_AddressFromEnvironmentUnreachable_ExitsTwoNamingThatAddress()
    {
        // The environment variable is the fallback of --order-address; set for this process only while the command runs.
        var address = $"http://127.0.0.1:{FreePort.Next()}";
        Environment.SetEnvironmentVariable(GlobalSettings.OrderAddressVariable, address);
        CliRun run;
        try
        {
            run = await CliRun.RunAsync(
                "order", "place", "--customer", "cust-ada", "--restaurant", "rest-pizzeria", "--item", "item-margherita:1",
                "--address", "Skalitzer Strasse 1, Berlin, 10999, DE", "--payment-token", "tok_visa");
        }
        finally
        {
            Environment.SetEnvironmentVariable(GlobalSettings.OrderAddressVariable, null);
        }

        run.ExitCode.Should().Be(ExitCodes.Unreachable, run.ToString());
        run.Output.Should().Contain($"cannot reach the Order service at {address}");
    }

    [Fact]
    public async Task HistoryExport_TemporalUnreachable_ExitsTwoNamingTheAddress()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";

        var run = await CliRun.RunAsync("history", "export", "ord-0123456789abcdef0123", "--temporal-address", address);

        run.ExitCode.Should().Be(ExitCodes.Unreachable, run.ToString());
        run.Output.Should().Contain($"cannot reach Temporal at {address}").And.NotContain("   at ");
    }

    [Fact]
    public async Task Audit_FolderWithoutServiceData_ExitsTwoNamingTheMissingFiles()
    {
        var empty = Directory.CreateTempSubdirectory("fooddelivery-cli-empty-").FullName;
        try
        {
            var run = await CliRun.RunAsync("audit", "--data", empty);

            run.ExitCode.Should().Be(ExitCodes.Unreachable, run.ToString());
            run.Output.Should().Contain("no service data in").And.Contain("order.db");
            Directory.EnumerateFiles(empty).Should().BeEmpty("the audit must not create empty databases");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    public static TheoryData<string[], string, string> BadArguments() => new()
    {
        { ["bogus"], "Unknown command 'bogus'", "fooddelivery [OPTIONS] <COMMAND>" },
        { ["order", "bogus"], "Unknown command 'bogus'", "fooddelivery order [OPTIONS] <COMMAND>" },
        { ["order", "status"], "missing required argument 'ORDER_ID'", "fooddelivery order status <ORDER_ID> [OPTIONS]" },
        { ["order", "place", "--customer", "cust-ada"], "missing required option 'restaurant'", "fooddelivery order place [OPTIONS]" },
        {
            ["order", "place", "--customer", "c", "--restaurant", "r", "--item", "item-margherita", "--address", "a, b, c, d", "--payment-token", "t"],
            "--item 'item-margherita' is not ITEM:QUANTITY", "fooddelivery order place [OPTIONS]"
        },
        {
            ["order", "place", "--customer", "c", "--restaurant", "r", "--item", "item-margherita:0", "--address", "a, b, c, d", "--payment-token", "t"],
            "the quantity must be a whole number of at least 1", "fooddelivery order place [OPTIONS]"
        },
        {
            ["order", "place", "--customer", "c", "--restaurant", "r", "--item", "item-margherita:1", "--address", "Berlin", "--payment-token", "t"],
            "--address 'Berlin' is not", "fooddelivery order place [OPTIONS]"
        },
        { ["order", "status", "ord-1", "--order-address", "localhost"], "--order-address must be an http(s) URL", "fooddelivery order status <ORDER_ID> [OPTIONS]" },
        { ["order", "list", "--customer", "c", "--page-size", "0"], "--page-size must be between 1 and 100", "fooddelivery order list [OPTIONS]" },
        { ["order", "cancel", "ord-1"], "missing required option 'reason'", "fooddelivery order cancel <ORDER_ID> [OPTIONS]" },
        { ["courier", "pickup", "ord-1"], "missing required option 'courier'", "fooddelivery courier pickup <ORDER_ID> [OPTIONS]" },
        { ["operator", "resolve", "ord-1"], "missing required option 'note'", "fooddelivery operator resolve <ORDER_ID> [OPTIONS]" },
        { ["audit", "--order-db", "Server=x"], "give all four of --order-db", "fooddelivery audit [OPTIONS]" },
        { ["demo", "--bogus"], "Unknown option 'bogus'", "fooddelivery demo [OPTIONS]" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task RunAsync_BadArguments_PrintsTheErrorAndTheCommandsUsageAndExitsNonZero(string[] args, string error, string usage)
    {
        var run = await CliRun.RunAsync(args);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Output.Should().Contain("error:").And.Contain(error).And.Contain("USAGE:").And.Contain(usage);
    }
}

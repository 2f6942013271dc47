using FoodDelivery.Cli.Demo;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Tests.Support;

namespace FoodDelivery.Cli.Tests;

/// <summary>The demo end to end, as `dotnet run --project Cli -- demo` runs it: nothing started beforehand.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_NothingRunning_EveryScenarioEndsAsExpectedAndTheAuditIsClean()
    {
        var data = Directory.CreateTempSubdirectory("fooddelivery-cli-demo-").FullName;
        try
        {
            var run = await CliRun.RunAsync("demo", "--data", data);

            run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
            foreach (var scenario in DemoScenarios.All)
            {
                run.Output.Should().MatchRegex($"ord-[0-9a-f]{{20}} +[│|] {scenario.Name} +[│|] {scenario.Expected}", run.ToString());
            }

            run.Output.Should().Contain("OUT_OF_STOCK").And.Contain("CARD_DECLINED").And.Contain("RESTAURANT_REJECTED")
                .And.Contain("audit clean: 6 orders").And.Contain("demo passed");

            // The kept data is the demo's: the audit command agrees with it.
            var audit = await CliRun.RunAsync("audit", "--data", data);
            audit.ExitCode.Should().Be(ExitCodes.Ok, audit.ToString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

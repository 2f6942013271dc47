namespace FoodDelivery.Bench.Tests;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Parse_EveryOption_SetsIt()
    {
        var options = BenchOptions.Parse(
            ["--mode", "open", "--rate", "12.5", "--clients", "3", "--sagas", "40", "--warmup", "0", "--mix", "happy=1,declined=1",
             "--out", "x", "--no-baseline", "--order-timeout", "9", "--couriers", "7"],
            temporalAddress: "10.0.0.1:7233");

        options.Should().BeEquivalentTo(new
        {
            Mode = LoadMode.Open,
            Rate = 12.5,
            Clients = 3,
            Sagas = 40,
            Warmup = 0,
            OutputDirectory = "x",
            Baseline = false,
            OrderTimeout = TimeSpan.FromSeconds(9),
            Couriers = 7,
            TemporalAddress = "10.0.0.1:7233",
        });
        options.Mix.Shares.Should().Equal(new Dictionary<string, double> { ["happy"] = 50, ["declined"] = 50, ["outofstock"] = 0 });
    }

    [Theory]
    [InlineData("--sagas", "0", "--sagas must be a positive whole number, not '0'")]
    [InlineData("--rate", "-1", "--rate must be a positive number, not '-1'")]
    [InlineData("--mode", "sideways", "--mode must be 'closed' or 'open', not 'sideways'")]
    [InlineData("--mix", "happy=0", "--mix: the weights must add up to more than 0")]
    [InlineData("--mix", "tasty=5", "--mix: unknown scenario 'tasty' (happy, declined, outofstock)")]
    [InlineData("--frobnicate", "1", "unknown option '--frobnicate' (see --help)")]
    public void Parse_BadOption_ThrowsOneClearLine(string name, string value, string message)
    {
        var parse = () => BenchOptions.Parse([name, value], temporalAddress: null);

        parse.Should().Throw<BenchUsageException>().WithMessage(message);
    }

    [Fact]
    public void Parse_OptionWithoutValue_SaysWhichOne()
    {
        var parse = () => BenchOptions.Parse(["--clients"], temporalAddress: null);

        parse.Should().Throw<BenchUsageException>().WithMessage("--clients needs a value");
    }

    [Fact]
    public void For_DefaultMix_GivesEachScenarioItsShareInAnyStretchOfOrders()
    {
        var mix = ScenarioMix.Default;

        var counts = Enumerable.Range(1000, 200).GroupBy(n => mix.For(n)).ToDictionary(g => g.Key, g => g.Count());

        counts[Scenario.Happy].Should().BeInRange(178, 182);
        counts[Scenario.Declined].Should().BeInRange(8, 12);
        counts[Scenario.OutOfStock].Should().BeInRange(8, 12);
    }
}

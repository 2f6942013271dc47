using FoodDelivery.Bench.Chaos;

namespace FoodDelivery.Bench.Tests;

public sealed class ChaosOptionsTests
{
    [Fact]
    public void Parse_NoArguments_ThousandOrdersTenPercentErrorsFivePercentSlowInMemoryEngine()
    {
        var options = ChaosOptions.Parse([]);

        options.Orders.Should().Be(1000);
        options.TransientRate.Should().Be(0.1);
        options.SlowRate.Should().Be(0.05);
        options.Outage.Should().Be(TimeSpan.FromSeconds(10));
        options.WorkerKills.Should().Be(2);
        options.Persist.Should().BeFalse();
    }

    [Fact]
    public void Parse_DbFilename_PersistsToThatFullPath()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chaos-{Guid.NewGuid():N}.db");

        var options = ChaosOptions.Parse(["--db-filename", file, "--seed", "7", "--orders", "50"]);

        options.Persist.Should().BeTrue();
        options.DbFileName.Should().Be(Path.GetFullPath(file));
        options.Seed.Should().Be(7);
        options.Orders.Should().Be(50);
    }

    [Theory]
    [InlineData("--orders", "0")]
    [InlineData("--transient-rate", "1.5")]
    [InlineData("--slow-rate", "-0.1")]
    [InlineData("--seed", "x")]
    [InlineData("--out", " ")]
    [InlineData("--frobnicate", "1")]
    public void Parse_BadValue_OneLineUsageError(string name, string value)
    {
        var parse = () => ChaosOptions.Parse([name, value]);

        parse.Should().Throw<BenchUsageException>().Which.Message.Should().Contain(name).And.NotContain("\n");
    }

    [Fact]
    public void FaultPlan_SameSeed_SameScheduleAndServiceSeeds()
    {
        var options = new ChaosOptions { Seed = 42, Persist = true };

        var plan = FaultPlan.From(options);
        var again = FaultPlan.From(options);
        var other = FaultPlan.From(options with { Seed = 43 });

        again.Events.Should().Equal(plan.Events);
        again.ServiceSeeds.Should().Equal(plan.ServiceSeeds);
        other.Events.Should().NotEqual(plan.Events);
        plan.Events.Select(e => e.Kind).Should().Equal(plan.Events.OrderBy(e => e.AtProgress).Select(e => e.Kind));
        plan.Events.Select(e => e.Kind).Should().BeEquivalentTo(
            [FaultKind.ServiceOutage, FaultKind.WorkerKill, FaultKind.WorkerKill, FaultKind.DevServerRestart]);
        plan.Events.Should().OnlyContain(e => e.AtProgress > 0 && e.AtProgress < 0.8);
    }
}

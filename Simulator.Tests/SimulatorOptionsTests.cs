using Microsoft.Extensions.Configuration;

namespace FoodDelivery.Simulator.Tests;

/// <summary>The "Simulator" section as the AppHost or an operator writes it.</summary>
public sealed class SimulatorOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void From_RuleSettings_BindsRulesDelaysAndEnabled()
    {
        var options = SimulatorOptions.From(Configuration(
            ("Simulator:Enabled", "true"),
            ("Simulator:AcceptDelay", "00:00:00.5"),
            ("Simulator:Rules:0:CustomerIdPrefix", "stall-"),
            ("Simulator:Rules:0:Behaviour", "StallAtRestaurant"),
            ("Simulator:Rules:1:RestaurantId", "rest-sushi"),
            ("Simulator:Rules:1:Behaviour", "RejectAtRestaurant"),
            ("Simulator:Rules:1:Reason", "no rice today")));

        options.Enabled.Should().BeTrue();
        options.AcceptDelay.Should().Be(TimeSpan.FromMilliseconds(500));
        options.PickupDelay.Should().Be(TimeSpan.FromSeconds(3), "unset delays keep their human-watchable default");
        options.Rules.Should().HaveCount(2);
        options.Rules[1].Should().BeEquivalentTo(new SimulatorRule
        {
            RestaurantId = "rest-sushi",
            Behaviour = SimulatedBehaviour.RejectAtRestaurant,
            Reason = "no rice today",
        });
    }

    [Fact]
    public void From_RuleWithoutCustomerOrRestaurant_ThrowsNamingTheRule()
    {
        var act = () => SimulatorOptions.From(Configuration(("Simulator:Rules:0:Behaviour", "StallPickup")));

        act.Should().Throw<InvalidOperationException>().WithMessage("*Simulator:Rules:0*CustomerIdPrefix*RestaurantId*");
    }

    [Fact]
    public void Resolve_PlanRulesAndDefault_PlanWinsThenFirstMatchingRuleThenNormal()
    {
        var planner = new BehaviourPlanner(
        [
            new SimulatorRule { CustomerIdPrefix = "stall-", Behaviour = SimulatedBehaviour.StallAtRestaurant },
            new SimulatorRule { RestaurantId = "rest-sushi", Behaviour = SimulatedBehaviour.RejectAtRestaurant, Reason = "no rice" },
        ]);
        planner.Plan("ord-planned", new BehaviourPlan(SimulatedBehaviour.StallDelivery));

        planner.Resolve("ord-planned", "stall-ann", "rest-sushi").Behaviour.Should().Be(SimulatedBehaviour.StallDelivery);
        planner.Resolve("ord-1", "stall-ann", "rest-sushi").Behaviour.Should().Be(SimulatedBehaviour.StallAtRestaurant);
        planner.Resolve("ord-2", "cust-bob", "rest-sushi").Should().Be(new BehaviourPlan(SimulatedBehaviour.RejectAtRestaurant, "no rice"));
        planner.Resolve("ord-3", "cust-bob", "rest-pizzeria").Should().Be(BehaviourPlan.Normal);
    }
}

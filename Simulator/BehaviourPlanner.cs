using System.Collections.Concurrent;

namespace FoodDelivery.Simulator;

/// <summary>Chooses each order's behaviour: an explicit plan for that order wins, then the first matching rule, else Normal.</summary>
public sealed class BehaviourPlanner(IEnumerable<SimulatorRule> rules)
{
    private readonly SimulatorRule[] _rules = [.. rules];
    private readonly ConcurrentDictionary<string, BehaviourPlan> _plans = new(StringComparer.Ordinal);

    public void Plan(string orderId, BehaviourPlan plan) => _plans[orderId] = plan;

    public BehaviourPlan Resolve(string orderId, string customerId, string restaurantId)
    {
        if (_plans.TryGetValue(orderId, out var planned))
        {
            return planned;
        }

        var rule = Array.Find(_rules, r => r.Matches(customerId, restaurantId));
        return rule is null ? BehaviourPlan.Normal : new BehaviourPlan(rule.Behaviour, rule.Reason);
    }

    /// <summary>Drops the plan of an order that is no longer followed, so plans do not pile up.</summary>
    public void Forget(string orderId) => _plans.TryRemove(orderId, out _);
}

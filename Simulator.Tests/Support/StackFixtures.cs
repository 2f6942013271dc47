using FoodDelivery.LocalStack;

namespace FoodDelivery.Simulator.Tests.Support;

/// <summary>One real stack (DevServer, the four services on SQLite, the worker, the simulator with zero delays) per test class.</summary>
public abstract class StackFixture : IAsyncLifetime
{
    private FoodDeliveryStack? _stack;

    public FoodDeliveryStack Stack => _stack ?? throw new InvalidOperationException("the stack has not started");

    public FulfillmentSimulator Simulator => Stack.Simulator!;

    public async Task InitializeAsync() => _stack = await FoodDeliveryStack.StartAsync(Options());

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    protected abstract LocalStackOptions Options();
}

/// <summary>Discovery on, and a rule: customers whose id starts with "grumpy-" are rejected by the restaurant.</summary>
public sealed class DiscoveryStackFixture : StackFixture
{
    public const string GrumpyPrefix = "grumpy-";
    public const string RuleReason = "kitchen closed for grumpy customers (rule)";

    protected override LocalStackOptions Options()
    {
        var simulator = SimulatorOptions.Instant();
        simulator.Rules.Add(new SimulatorRule
        {
            CustomerIdPrefix = GrumpyPrefix,
            Behaviour = SimulatedBehaviour.RejectAtRestaurant,
            Reason = RuleReason,
        });
        return new LocalStackOptions { Simulator = simulator };
    }
}

/// <summary>No discovery: the simulator only acts on orders it is told to <see cref="FulfillmentSimulator.Follow"/>.</summary>
public sealed class FollowOnlyStackFixture : StackFixture
{
    /// <summary>Small, so a burst of orders has to queue for the simulator's slots.</summary>
    public const int MaxConcurrentOrders = 3;

    protected override LocalStackOptions Options()
    {
        var simulator = SimulatorOptions.Instant();
        simulator.DiscoveryInterval = TimeSpan.Zero;
        simulator.MaxConcurrentOrders = MaxConcurrentOrders;
        return new LocalStackOptions { Simulator = simulator };
    }
}

/// <summary>Short real-time deadlines, so a stalled restaurant or courier ends the saga within seconds.</summary>
public sealed class ShortDeadlinesStackFixture : StackFixture
{
    public static readonly TimeSpan Acceptance = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Pickup = TimeSpan.FromSeconds(3);

    protected override LocalStackOptions Options() => new()
    {
        Simulator = SimulatorOptions.Instant(),
        Settings = new Dictionary<string, string?>
        {
            ["Saga:RestaurantAcceptance"] = "00:00:03",
            ["Saga:Pickup"] = "00:00:03",
        },
    };
}

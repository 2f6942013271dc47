using Microsoft.Extensions.Configuration;

namespace FoodDelivery.Simulator;

/// <summary>The "Simulator" configuration section.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Null: on in the Development environment, off otherwise.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How long the restaurant takes to accept a ticket.</summary>
    public TimeSpan AcceptDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the courier takes to pick up a confirmed order.</summary>
    public TimeSpan PickupDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the courier takes from pickup to the customer's door.</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How often running sagas are listed to find new orders; zero: no discovery, only <see cref="FulfillmentSimulator.Follow"/>.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>At most this many orders are followed at once; more wait for a free slot.</summary>
    public int MaxConcurrentOrders { get; set; } = 500;

    /// <summary>A followed order the Order service does not know (yet) is given up after this long.</summary>
    public TimeSpan UnknownOrderTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Behaviours by customer id prefix or restaurant; the first matching rule wins, no match: Normal.</summary>
    public IList<SimulatorRule> Rules { get; } = [];

    /// <summary>Zero delays and no discovery wait: for tests and benchmarks.</summary>
    public static SimulatorOptions Instant() => new()
    {
        Enabled = true,
        AcceptDelay = TimeSpan.Zero,
        PickupDelay = TimeSpan.Zero,
        DeliveryDelay = TimeSpan.Zero,
    };

    /// <summary>A copy with <see cref="Enabled"/> set (the rules are shared: they are read-only once running).</summary>
    public SimulatorOptions WithEnabled(bool enabled)
    {
        var copy = new SimulatorOptions
        {
            Enabled = enabled,
            AcceptDelay = AcceptDelay,
            PickupDelay = PickupDelay,
            DeliveryDelay = DeliveryDelay,
            DiscoveryInterval = DiscoveryInterval,
            MaxConcurrentOrders = MaxConcurrentOrders,
            UnknownOrderTimeout = UnknownOrderTimeout,
        };
        foreach (var rule in Rules)
        {
            copy.Rules.Add(rule);
        }

        return copy;
    }

    /// <summary>Binds the "Simulator" section; throws <see cref="InvalidOperationException"/> on a bad value.</summary>
    public static SimulatorOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SimulatorOptions();
        configuration.GetSection(SectionName).Bind(options);
        options.Validate();
        return options;
    }

    /// <summary>Throws with one clear sentence naming the bad setting.</summary>
    public void Validate()
    {
        Require(AcceptDelay >= TimeSpan.Zero, "Simulator:AcceptDelay must not be negative");
        Require(PickupDelay >= TimeSpan.Zero, "Simulator:PickupDelay must not be negative");
        Require(DeliveryDelay >= TimeSpan.Zero, "Simulator:DeliveryDelay must not be negative");
        Require(DiscoveryInterval >= TimeSpan.Zero, "Simulator:DiscoveryInterval must not be negative");
        Require(UnknownOrderTimeout > TimeSpan.Zero, "Simulator:UnknownOrderTimeout must be positive");
        Require(MaxConcurrentOrders >= 1, "Simulator:MaxConcurrentOrders must be at least 1");
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            Require(
                !string.IsNullOrEmpty(rule.CustomerIdPrefix) || !string.IsNullOrEmpty(rule.RestaurantId),
                $"Simulator:Rules:{i} needs a CustomerIdPrefix or a RestaurantId");
            Require(Enum.IsDefined(rule.Behaviour), $"Simulator:Rules:{i}:Behaviour is not a known behaviour");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}

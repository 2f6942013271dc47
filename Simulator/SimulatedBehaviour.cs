namespace FoodDelivery.Simulator;

/// <summary>How the simulated restaurant and courier treat one order.</summary>
public enum SimulatedBehaviour
{
    /// <summary>Accept, pick up and deliver, each after its configured delay.</summary>
    Normal,

    /// <summary>The restaurant rejects the ticket (with a reason); the saga compensates and ends REJECTED.</summary>
    RejectAtRestaurant,

    /// <summary>The restaurant never answers: the saga's acceptance deadline fires.</summary>
    StallAtRestaurant,

    /// <summary>The restaurant accepts, the courier never picks up: the saga's pickup deadline fires.</summary>
    StallPickup,

    /// <summary>Accepted and picked up, never reported delivered: the saga's delivery deadline decides.</summary>
    StallDelivery,
}

/// <summary>The behaviour chosen for one order, and the rejection reason when it rejects.</summary>
public sealed record BehaviourPlan(SimulatedBehaviour Behaviour, string? Reason = null)
{
    public const string DefaultRejectionReason = "the restaurant cannot prepare this order (simulated)";

    public static BehaviourPlan Normal { get; } = new(SimulatedBehaviour.Normal);

    /// <summary>The reason sent with a rejection: the planned one, or a default.</summary>
    public string RejectionReason => string.IsNullOrWhiteSpace(Reason) ? DefaultRejectionReason : Reason;
}

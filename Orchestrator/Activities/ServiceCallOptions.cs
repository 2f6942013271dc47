namespace FoodDelivery.Orchestrator.Activities;

/// <summary>Where the four services are and how long one call may take. Bound from the "Services" section.</summary>
public sealed class ServiceCallOptions
{
    public const string SectionName = "Services";

    public Uri Order { get; set; } = new("http://127.0.0.1:5101");

    public Uri Payment { get; set; } = new("http://127.0.0.1:5102");

    public Uri Restaurant { get; set; } = new("http://127.0.0.1:5103");

    public Uri Delivery { get; set; } = new("http://127.0.0.1:5104");

    /// <summary>gRPC deadline of one call; keep it below the activity's start-to-close timeout.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(5);
}

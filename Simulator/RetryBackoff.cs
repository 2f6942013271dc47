namespace FoodDelivery.Simulator;

/// <summary>Exponential backoff for retrying an unreachable service: 100 ms doubling up to 5 s, with a little jitter.</summary>
internal sealed class RetryBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);
    private TimeSpan _next = First;

    /// <summary>True from the first failure until <see cref="Reset"/>: log a failure streak once, not every retry.</summary>
    public bool Failing { get; private set; }

    public TimeSpan Next()
    {
        Failing = true;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(Longest.Ticks, _next.Ticks * 2));

        // Jitter, so many orders retrying after one outage do not hit the service in lockstep (not security relevant).
#pragma warning disable CA5394
        return delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50));
#pragma warning restore CA5394
    }

    public void Reset()
    {
        _next = First;
        Failing = false;
    }
}

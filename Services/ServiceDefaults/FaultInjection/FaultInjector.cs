using System.Collections.Concurrent;

namespace FoodDelivery.ServiceDefaults.FaultInjection;

/// <summary>
/// Decides, per call, which fault to inject. Starts from <see cref="FaultInjectionOptions"/>; tests and the demo can
/// change the faults at run time through the methods below (only when injection is enabled).
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, int> _remainingFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _delayOnce = new(StringComparer.Ordinal);
    private double _transientFailureRate;
    private int _latencyMilliseconds;

    public FaultInjector(FaultInjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.Enabled;
        _transientFailureRate = options.TransientFailureRate;
        _latencyMilliseconds = options.LatencyMilliseconds;
        foreach (var (key, count) in options.FailFirstAttempts)
        {
            _remainingFailures[key] = count;
        }
    }

    public bool Enabled { get; }

    /// <summary>The next <paramref name="attempts"/> calls with this idempotency key fail with UNAVAILABLE before any effect.</summary>
    public void FailFirstAttempts(string idempotencyKey, int attempts) => Configure(() => _remainingFailures[idempotencyKey] = attempts);

    /// <summary>The next call with this key runs its effect, then waits this long before answering (to outlast a caller's timeout).</summary>
    public void DelayResponseOnce(string idempotencyKey, TimeSpan delay) =>
        Configure(() => _delayOnce[idempotencyKey] = (int)delay.TotalMilliseconds);

    public void SetTransientFailureRate(double rate) => Configure(() => _transientFailureRate = rate);

    public void SetLatency(TimeSpan latency) => Configure(() => _latencyMilliseconds = (int)latency.TotalMilliseconds);

    /// <summary>What to do with a call carrying this idempotency key (null for read-only calls).</summary>
    public FaultDecision Decide(string? idempotencyKey)
    {
        if (!Enabled || idempotencyKey is null)
        {
            return FaultDecision.None;
        }

        var latency = TimeSpan.FromMilliseconds(Volatile.Read(ref _latencyMilliseconds));
        var fail = TakeFailure(idempotencyKey) || Random.Shared.NextDouble() < Volatile.Read(ref _transientFailureRate);
        var delayAfter = _delayOnce.TryRemove(idempotencyKey, out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        return new FaultDecision(latency, fail, delayAfter);
    }

    private bool TakeFailure(string key)
    {
        while (_remainingFailures.TryGetValue(key, out var remaining) && remaining > 0)
        {
            if (_remainingFailures.TryUpdate(key, remaining - 1, remaining))
            {
                return true;
            }
        }

        return false;
    }

    private void Configure(Action change)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("fault injection is disabled; set FaultInjection:Enabled=true");
        }

        change();
    }
}

/// <summary>Latency before the call, whether it fails with UNAVAILABLE before any effect, and a delay after the effect.</summary>
public sealed record FaultDecision(TimeSpan Latency, bool FailTransiently, TimeSpan DelayAfterEffect)
{
    public static readonly FaultDecision None = new(TimeSpan.Zero, false, TimeSpan.Zero);
}

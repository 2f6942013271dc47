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
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private double _transientFailureRate;
    private readonly double _slowResponseRate;
    private readonly int _slowResponseMilliseconds;
    private int _latencyMilliseconds;
    private long _transientFailuresInjected;
    private long _slowResponsesInjected;

    public FaultInjector(FaultInjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.Enabled;
        _transientFailureRate = options.TransientFailureRate;
        _latencyMilliseconds = options.LatencyMilliseconds;
        _slowResponseRate = options.SlowResponseRate;
        _slowResponseMilliseconds = options.SlowResponseMilliseconds;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        foreach (var (key, count) in options.FailFirstAttempts)
        {
            _remainingFailures[key] = count;
        }
    }

    public bool Enabled { get; }

    /// <summary>Calls failed with UNAVAILABLE so far (first-attempt failures and the rate together).</summary>
    public long TransientFailuresInjected => Interlocked.Read(ref _transientFailuresInjected);

    /// <summary>Calls answered late by <see cref="FaultInjectionOptions.SlowResponseRate"/> so far.</summary>
    public long SlowResponsesInjected => Interlocked.Read(ref _slowResponsesInjected);

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
        var (failDraw, slowDraw) = Draw();
        var fail = TakeFailure(idempotencyKey) || failDraw < Volatile.Read(ref _transientFailureRate);
        var delayAfter = _delayOnce.TryRemove(idempotencyKey, out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        if (fail)
        {
            Interlocked.Increment(ref _transientFailuresInjected);
        }
        else if (delayAfter == TimeSpan.Zero && slowDraw < _slowResponseRate)
        {
            // A failed call has no effect to answer late for; a slow response only ever follows a done effect.
            delayAfter = TimeSpan.FromMilliseconds(_slowResponseMilliseconds);
            Interlocked.Increment(ref _slowResponsesInjected);
        }

        return new FaultDecision(latency, fail, delayAfter);
    }

    /// <summary>Two draws per call, always both, so a seeded injector's sequence does not depend on the rates.</summary>
    private (double Fail, double Slow) Draw()
    {
        lock (_randomLock)
        {
            return (_random.NextDouble(), _random.NextDouble());
        }
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

using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>Server-side activity retry rules, following the RetryPolicy proto's documented defaults.</summary>
internal static class RetryPolicies
{
    private static readonly TimeSpan DefaultInitialInterval = TimeSpan.FromSeconds(1);
    private const double DefaultBackoffCoefficient = 2.0;
    private const int DefaultMaximumIntervalFactor = 100;

    /// <summary>The policy with every unset field filled in, as the real server records it on ActivityTaskScheduled.</summary>
    public static RetryPolicy WithDefaults(RetryPolicy? policy)
    {
        var filled = policy?.Clone() ?? new RetryPolicy();
        var initial = filled.InitialInterval?.ToTimeSpan() ?? TimeSpan.Zero;
        if (initial <= TimeSpan.Zero)
        {
            initial = DefaultInitialInterval;
            filled.InitialInterval = Duration.FromTimeSpan(initial);
        }

        if (filled.BackoffCoefficient < 1.0)
        {
            filled.BackoffCoefficient = DefaultBackoffCoefficient;
        }

        if (filled.MaximumInterval is null || filled.MaximumInterval.ToTimeSpan() <= TimeSpan.Zero)
        {
            filled.MaximumInterval = Duration.FromTimeSpan(initial * DefaultMaximumIntervalFactor);
        }

        return filled;
    }

    /// <summary>
    /// Decides whether a failed attempt is retried: returns RetryState.InProgress with the delay before the next
    /// attempt, or the reason retrying stops.
    /// </summary>
    public static (RetryState State, TimeSpan Delay) Decide(
        RetryPolicy policy, int attempt, Failure failure, DateTime now, DateTime? scheduleToCloseDeadline)
    {
        if (IsNonRetryable(policy, failure))
        {
            return (RetryState.NonRetryableFailure, TimeSpan.Zero);
        }

        if (policy.MaximumAttempts > 0 && attempt >= policy.MaximumAttempts)
        {
            return (RetryState.MaximumAttemptsReached, TimeSpan.Zero);
        }

        var delay = failure.ApplicationFailureInfo?.NextRetryDelay is { } explicitDelay && explicitDelay.ToTimeSpan() > TimeSpan.Zero
            ? explicitDelay.ToTimeSpan()
            : Backoff(policy, attempt);

        if (scheduleToCloseDeadline is { } deadline && now + delay >= deadline)
        {
            return (RetryState.Timeout, TimeSpan.Zero);
        }

        return (RetryState.InProgress, delay);
    }

    private static TimeSpan Backoff(RetryPolicy policy, int attempt)
    {
        var initial = policy.InitialInterval.ToTimeSpan();
        var maximum = policy.MaximumInterval.ToTimeSpan();
        var ticks = initial.Ticks * Math.Pow(policy.BackoffCoefficient, attempt - 1);
        return ticks >= maximum.Ticks ? maximum : TimeSpan.FromTicks((long)ticks);
    }

    private static bool IsNonRetryable(RetryPolicy policy, Failure failure)
    {
        if (failure.ApplicationFailureInfo is { } application)
        {
            return application.NonRetryable || policy.NonRetryableErrorTypes.Contains(application.Type);
        }

        if (failure.TimeoutFailureInfo is { } timeout)
        {
            // Only start-to-close and heartbeat timeouts are worth another attempt.
            return timeout.TimeoutType is not (TimeoutType.StartToClose or TimeoutType.Heartbeat);
        }

        return false;
    }
}

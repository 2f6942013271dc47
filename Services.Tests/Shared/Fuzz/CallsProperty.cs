using CsCheck;
using Grpc.Core;
using Xunit.Abstractions;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// The request-level property: generated requests to a service's RPCs, interleaved so that each can meet the state
/// the previous ones left. Every answer must be acceptable, a refusal writes nothing, and each success is handed to
/// the caller's onSuccess check, which makes sure its effect is real and consistent.
/// </summary>
public static class CallsProperty
{
    public static Task<int> RunAsync(
        string property,
        Gen<FuzzCall> calls,
        WriteGuard guard,
        int iterations,
        ITestOutputHelper output,
        Func<FuzzCall, GuardedOutcome, Task>? onSuccess = null,
        params (StatusCode Code, string Reason)[] alsoAllowed)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return FuzzRunner.RunAsync(
            property,
            calls,
            iterations,
            async call =>
            {
                var result = await guard.CheckAsync(call, alsoAllowed);
                if (result.Outcome.IsOk && onSuccess is not null)
                {
                    await onSuccess(call, result);
                }
            },
            call => call.ToString(),
            output);
    }
}

using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>How one call ended: its status code, the ErrorInfo reason when there is one, and the status message.</summary>
public readonly record struct RpcOutcome(StatusCode Code, string? Reason, string Detail)
{
    /// <summary>The answers a bad or hostile request may get: a refusal the caller can act on, never a crash.</summary>
    public static readonly IReadOnlySet<StatusCode> Refusals = new HashSet<StatusCode>
    {
        StatusCode.InvalidArgument,
        StatusCode.NotFound,
        StatusCode.FailedPrecondition,
        StatusCode.AlreadyExists,
        StatusCode.PermissionDenied,
    };

    public static readonly RpcOutcome Ok = new(StatusCode.OK, null, string.Empty);

    public bool IsOk => Code == StatusCode.OK;

    /// <summary>Runs the call and captures how it ended (an RpcException is an outcome, not a failure).</summary>
    public static async Task<RpcOutcome> OfAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return Ok;
        }
        catch (RpcException ex)
        {
            return From(ex);
        }
    }

    public static RpcOutcome From(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reason = exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
        return new RpcOutcome(exception.StatusCode, reason, exception.Status.Detail);
    }

    /// <summary>
    /// Fails unless the call succeeded or was refused with one of <see cref="Refusals"/> (or one of the documented
    /// business answers in <paramref name="alsoAllowed"/>, as code and reason), with a message saying why.
    /// </summary>
    public void ShouldBeAcceptable(params (StatusCode Code, string Reason)[] alsoAllowed)
    {
        ArgumentNullException.ThrowIfNull(alsoAllowed);
        var outcome = this;
        var acceptable = IsOk
            || Refusals.Contains(Code)
            || alsoAllowed.Any(a => a.Code == outcome.Code && a.Reason == outcome.Reason);
        acceptable.Should().BeTrue($"a bad request must be refused cleanly, but the answer was {Code} ({Reason ?? "no reason"}): {Detail}");
        if (!IsOk)
        {
            Detail.Should().NotBeNullOrWhiteSpace("a refusal says in one line what is wrong");
        }
    }

    public override string ToString() => IsOk ? "OK" : $"{Code} {Reason} {FuzzRunner.Shorten(Detail)}";
}

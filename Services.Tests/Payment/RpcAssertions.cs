using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Payment.Tests;

/// <summary>Asserts a call's status code and its ErrorInfo reason (what a caller decides on), or its field violations.</summary>
public static class RpcAssertions
{
    public static async Task<RpcException> ShouldFailWith<T>(this AsyncUnaryCall<T> call, StatusCode code, string reason)
    {
        ArgumentNullException.ThrowIfNull(call);
        var exception = (await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>()).Which;
        exception.StatusCode.Should().Be(code, exception.Status.Detail);
        var info = exception.GetRpcStatus()?.GetDetail<ErrorInfo>();
        info.Should().NotBeNull("every refusal carries an ErrorInfo");
        info!.Reason.Should().Be(reason, exception.Status.Detail);
        return exception;
    }

    /// <summary>INVALID_ARGUMENT naming exactly these fields in its BadRequest.</summary>
    public static async Task<RpcException> ShouldFailOnFields<T>(this AsyncUnaryCall<T> call, params string[] fields)
    {
        var exception = await call.ShouldFailWith(StatusCode.InvalidArgument, FoodDelivery.Contracts.ErrorReasons.InvalidArgument);
        var badRequest = exception.GetRpcStatus()!.GetDetail<BadRequest>();
        badRequest.Should().NotBeNull();
        badRequest!.FieldViolations.Select(v => v.Field).Should().BeEquivalentTo(fields);
        return exception;
    }
}

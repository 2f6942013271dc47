using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Delivery.Tests.Support;

/// <summary>Asserts on refused calls: the status code and the rich status details our services send.</summary>
public static class RpcAssert
{
    /// <summary>The call fails with <paramref name="code"/> and an ErrorInfo of <paramref name="reason"/>; returns the ErrorInfo.</summary>
    public static async Task<ErrorInfo> FailsWithAsync(Func<Task> call, StatusCode code, string reason)
    {
        var exception = (await call.Should().ThrowAsync<RpcException>()).Which;
        exception.StatusCode.Should().Be(code, exception.Status.Detail);
        var info = exception.GetRpcStatus()?.GetDetail<ErrorInfo>();
        info.Should().NotBeNull("every refusal carries an ErrorInfo");
        info!.Reason.Should().Be(reason);
        info.Domain.Should().Be(FoodDelivery.Contracts.ErrorReasons.Domain);
        return info;
    }

    /// <summary>The call fails with INVALID_ARGUMENT; returns the fields its BadRequest names.</summary>
    public static async Task<IReadOnlyList<string>> InvalidFieldsAsync(Func<Task> call)
    {
        var exception = (await call.Should().ThrowAsync<RpcException>()).Which;
        exception.StatusCode.Should().Be(StatusCode.InvalidArgument);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        badRequest.Should().NotBeNull("INVALID_ARGUMENT carries the field violations");
        return badRequest!.FieldViolations.Select(v => v.Field).ToList();
    }
}

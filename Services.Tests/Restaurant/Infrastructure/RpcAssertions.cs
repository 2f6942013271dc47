using FluentAssertions.Specialized;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests.Infrastructure;

/// <summary>Asserts the status code and the rich details (ErrorInfo, BadRequest) of a refused call.</summary>
public static class RpcAssertions
{
    /// <summary>The call fails with this code and ErrorInfo reason; returns the ErrorInfo for further checks.</summary>
    public static async Task<ErrorInfo> ShouldBeRefusedAsync(this Func<Task> call, StatusCode code, string reason)
    {
        var status = await StatusOfAsync(call, code);
        var info = status.GetDetail<ErrorInfo>();
        info.Should().NotBeNull("a refusal carries an ErrorInfo");
        info!.Reason.Should().Be(reason);
        return info;
    }

    /// <summary>The call fails with INVALID_ARGUMENT; returns the fields its BadRequest names.</summary>
    public static async Task<IReadOnlyList<string>> ShouldBeInvalidAsync(this Func<Task> call)
    {
        var status = await StatusOfAsync(call, StatusCode.InvalidArgument);
        var badRequest = status.GetDetail<BadRequest>();
        badRequest.Should().NotBeNull("INVALID_ARGUMENT carries BadRequest field violations");
        return badRequest!.FieldViolations.Select(v => v.Field).ToList();
    }

    private static async Task<Google.Rpc.Status> StatusOfAsync(Func<Task> call, StatusCode code)
    {
        ExceptionAssertions<RpcException> thrown = await call.Should().ThrowAsync<RpcException>();
        thrown.Which.StatusCode.Should().Be(code, thrown.Which.Status.Detail);
        var status = thrown.Which.GetRpcStatus();
        status.Should().NotBeNull("the service sends a rich google.rpc.Status");
        return status!;
    }
}

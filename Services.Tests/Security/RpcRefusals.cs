using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Security.Tests;

public static class RpcRefusals
{
    /// <summary>The call fails with <paramref name="code"/> and the ErrorInfo <paramref name="reason"/>; returns the refusal.</summary>
    public static async Task<RpcException> ShouldBeRefusedAsync(this Func<Task> call, StatusCode code, string reason)
    {
        ArgumentNullException.ThrowIfNull(call);
        var thrown = (await call.Should().ThrowAsync<RpcException>()).Which;
        thrown.StatusCode.Should().Be(code, thrown.Status.Detail);
        var info = thrown.GetRpcStatus()?.GetDetail<ErrorInfo>();
        info.Should().NotBeNull("every refusal carries an ErrorInfo");
        info!.Reason.Should().Be(reason, thrown.Status.Detail);
        return thrown;
    }
}

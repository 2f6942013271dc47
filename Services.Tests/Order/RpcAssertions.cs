using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Order.Tests;

/// <summary>Runs a call expected to fail and returns its rich status details.</summary>
public static class RpcAssertions
{
    public static async Task<(StatusCode Code, ErrorInfo Info, BadRequest? BadRequest)> RefusalOf(Func<Task> call)
    {
        var ex = (await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>()).Which;
        var status = ex.GetRpcStatus();
        status.Should().NotBeNull("every refusal carries a google.rpc.Status");
        var info = status!.GetDetail<ErrorInfo>();
        info.Should().NotBeNull("every refusal names a stable reason");
        return (ex.StatusCode, info!, status.GetDetail<BadRequest>());
    }

    public static IEnumerable<string> Fields(this BadRequest? badRequest) =>
        badRequest?.FieldViolations.Select(v => v.Field) ?? [];
}

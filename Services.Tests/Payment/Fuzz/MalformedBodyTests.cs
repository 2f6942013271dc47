using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace FoodDelivery.Payment.Tests.Fuzz;

/// <summary>
/// The fix the fuzzing led to: a body that is not a protobuf message used to get UNKNOWN ("Exception was thrown by
/// handler."), because Grpc.AspNetCore deserializes before any interceptor runs. Now it is INVALID_ARGUMENT.
/// </summary>
public sealed class MalformedBodyTests : PaymentTestBase
{
    [Fact]
    public async Task AuthorizePayment_BodyIsNotAMessage_IsInvalidArgumentNamingTheRequest()
    {
        using var scope = Host.CreateScope();
        using var channel = GrpcChannel.ForAddress(ServiceEndpoint.AddressOf(scope.ServiceProvider));
        var method = PaymentService.Descriptor.FindMethodByName("AuthorizePayment");
        var countsBefore = await Host.CountRowsAsync();

        // A length-delimited field that claims 127 bytes but carries 1: truncated, so unparseable.
        var outcome = await RawGrpcCall.SendAsync(channel, method, [0x0A, 0x7F, 0x41]);

        outcome.Code.Should().Be(StatusCode.InvalidArgument, outcome.Detail);
        outcome.Reason.Should().Be(ErrorReasons.InvalidArgument);
        outcome.Detail.Should().Contain("request");
        (await Host.CountRowsAsync()).Should().Be(countsBefore);
    }

    [Fact]
    public async Task GetPayment_BodyIsNotAMessage_CarriesBadRequestForTheRequestField()
    {
        using var scope = Host.CreateScope();
        using var channel = GrpcChannel.ForAddress(ServiceEndpoint.AddressOf(scope.ServiceProvider));
        // Signed: an unreadable body is refused after the token check (a caller without one gets UNAUTHENTICATED).
        var invoker = channel.WithDevelopmentTokens();
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var method = new Method<byte[], byte[]>(MethodType.Unary, PaymentService.Descriptor.FullName, "GetPayment", bytes, bytes);

        // Tag 0 is never valid in protobuf.
        var refusal = await FluentActions.Awaiting(() => invoker.AsyncUnaryCall(method, null, default, [0x00, 0x01]).ResponseAsync)
            .Should().ThrowAsync<RpcException>();

        var badRequest = refusal.Which.GetRpcStatus()?.GetDetail<BadRequest>();
        badRequest.Should().NotBeNull();
        badRequest!.FieldViolations.Select(v => v.Field).Should().Equal("request");
    }

    [Fact]
    public async Task AuthorizePayment_WellFormedBody_IsStillServed()
    {
        var payment = await Client.AuthorizePaymentAsync(Requests.Authorize("order-after-strict-binding"));

        payment.Status.Should().Be(PaymentStatus.Authorized);
    }
}

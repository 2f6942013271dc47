using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using Grpc.Core;

namespace FoodDelivery.Payment.Tests;

public sealed class FaultInjectionTests : PaymentTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["FaultInjection:Enabled"] = "true",
    };

    [Fact]
    public async Task AuthorizePayment_FirstAttemptsFailUnavailable_RetryWithSameKeySucceedsWithOneEffect()
    {
        var request = Requests.Authorize("order-1");
        Host.Faults.FailFirstAttempts(request.IdempotencyKey, 2);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var failure = await FluentActions.Awaiting(() => Client.AuthorizePaymentAsync(request).ResponseAsync)
                .Should().ThrowAsync<RpcException>();
            failure.Which.StatusCode.Should().Be(StatusCode.Unavailable);
            (await Host.CountRowsAsync()).Should().Be(new RowCounts(0, 0, 0), "an injected failure happens before any effect");
        }

        var payment = await Client.AuthorizePaymentAsync(request);
        var repeat = await Client.AuthorizePaymentAsync(request);

        payment.Status.Should().Be(PaymentStatus.Authorized);
        repeat.Should().Be(payment);
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 1, IdempotencyRecords: 1));
    }

    [Fact]
    public async Task CapturePayment_FirstAttemptFailsUnavailable_RetryWithSameKeyCapturesOnce()
    {
        await AuthorizeAsync("order-1");
        var request = Requests.Capture("order-1");
        Host.Faults.FailFirstAttempts(request.IdempotencyKey, 1);

        var failure = await FluentActions.Awaiting(() => Client.CapturePaymentAsync(request).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        failure.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        var payment = await Client.CapturePaymentAsync(request);

        payment.Status.Should().Be(PaymentStatus.Captured);
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization, MovementKind.Capture);
    }
}

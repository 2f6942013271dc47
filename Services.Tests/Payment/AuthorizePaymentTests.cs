using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Payment.Tests;

public sealed class AuthorizePaymentTests : PaymentTestBase
{
    [Theory]
    [InlineData("tok_visa")]
    [InlineData("tok_mastercard")]
    public async Task AuthorizePayment_ApprovingToken_AuthorizesWithOneAuthorizationEntryAndNoMoneyMoved(string token)
    {
        var payment = await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", token: token));

        payment.OrderId.Should().Be("order-1");
        payment.CustomerId.Should().Be(Requests.Customer);
        payment.Status.Should().Be(PaymentStatus.Authorized);
        payment.Tombstone.Should().BeFalse();
        payment.Authorized.Should().Be(Requests.Eur(1250));
        payment.Captured.Should().Be(Requests.Eur(0));
        payment.Net.Should().Be(Requests.Eur(0));
        payment.UpdatedAt.Should().Be(Timestamp.FromDateTimeOffset(PaymentTestHost.StartTime));
        payment.Ledger.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Sequence = 1L,
            Kind = LedgerEntryKind.Authorization,
            Amount = Requests.Eur(1250),
        });
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 1, IdempotencyRecords: 1));
    }

    [Theory]
    [InlineData("tok_declined", StatusCode.FailedPrecondition, ErrorReasons.CardDeclined)]
    [InlineData("tok_insufficient_funds", StatusCode.FailedPrecondition, ErrorReasons.InsufficientFunds)]
    [InlineData("tok_unknown", StatusCode.InvalidArgument, ErrorReasons.InvalidArgument)]
    public async Task AuthorizePayment_RefusingToken_RefusesFinallyAndRepeatGetsStoredRefusal(
        string token, StatusCode code, string reason)
    {
        var request = Requests.Authorize("order-1", token: token);

        await Client.AuthorizePaymentAsync(request).ShouldFailWith(code, reason);
        await Client.AuthorizePaymentAsync(request).ShouldFailWith(code, reason);

        // No payment and no money; only the refusal, stored under the key.
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 0, LedgerEntries: 0, IdempotencyRecords: 1));
        var stored = await Host.QueryAsync(db => db.IdempotencyRecords.SingleAsync());
        stored.Key.Should().Be(request.IdempotencyKey);
        stored.Response.Should().BeNull();
        Google.Rpc.Status.Parser.ParseFrom(stored.Error).GetDetail<ErrorInfo>().Reason.Should().Be(reason);
    }

    [Fact]
    public async Task AuthorizePayment_UnknownToken_NamesTheTokenField()
    {
        await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", token: "tok_amex"))
            .ShouldFailOnFields("payment_method_token");
    }

    [Fact]
    public async Task AuthorizePayment_RepeatWithSameKey_ReturnsSameResponseWithOneEntry()
    {
        var first = await Client.AuthorizePaymentAsync(Requests.Authorize("order-1"));
        Host.Time.Advance(TimeSpan.FromMinutes(1));

        var repeat = await Client.AuthorizePaymentAsync(Requests.Authorize("order-1"));

        repeat.Should().Be(first);
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 1, IdempotencyRecords: 1));
    }

    [Fact]
    public async Task AuthorizePayment_SameAuthorizationUnderNewKey_ReturnsExistingWithoutSecondAuthorization()
    {
        var first = await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", key: "k1"));

        var second = await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", key: "k2", token: "tok_mastercard"));

        second.Should().Be(first);
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization);
    }

    [Theory]
    [InlineData(999, "EUR", Requests.Customer)]
    [InlineData(1250, "USD", Requests.Customer)]
    [InlineData(1250, "EUR", "customer-2")]
    public async Task AuthorizePayment_DifferentAuthorizationForSameOrder_FailsAlreadyExists(
        long amountMinor, string currency, string customerId)
    {
        await AuthorizeAsync("order-1");

        await Client.AuthorizePaymentAsync(
                Requests.Authorize("order-1", key: "k2", amountMinor: amountMinor, currency: currency, customerId: customerId))
            .ShouldFailWith(StatusCode.AlreadyExists, ErrorReasons.AlreadyExists);

        (await Client.GetPaymentAsync(Requests.Get("order-1"))).Authorized.Should().Be(Requests.Eur(1250));
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization);
    }

    [Fact]
    public async Task AuthorizePayment_KeyReusedWithOtherPayload_FailsIdempotencyKeyReusedAndChangesNothing()
    {
        await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", key: "shared-key"));
        var before = await Host.CountRowsAsync();

        await Client.AuthorizePaymentAsync(Requests.Authorize("order-2", key: "shared-key"))
            .ShouldFailWith(StatusCode.InvalidArgument, ErrorReasons.IdempotencyKeyReused);

        (await Host.CountRowsAsync()).Should().Be(before);
        await Client.GetPaymentAsync(Requests.Get("order-2")).ShouldFailWith(StatusCode.NotFound, ErrorReasons.NotFound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuthorizePayment_AfterVoidOrRefundUnderNewKey_FailsPaymentVoided(bool captureFirst)
    {
        await AuthorizeAsync("order-1");
        if (captureFirst)
        {
            await Client.CapturePaymentAsync(Requests.Capture("order-1"));
        }

        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));
        var ledgerBefore = await Host.LedgerKindsAsync("order-1");

        await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", key: "order-1:authorize-again"))
            .ShouldFailWith(StatusCode.FailedPrecondition, ErrorReasons.PaymentVoided);

        (await Host.LedgerKindsAsync("order-1")).Should().Equal(ledgerBefore);
    }

    [Fact]
    public async Task AuthorizePayment_AlreadyCapturedSameAuthorization_ReturnsCapturedPaymentWithoutNewEntry()
    {
        await AuthorizeAsync("order-1");
        var captured = await Client.CapturePaymentAsync(Requests.Capture("order-1"));

        var again = await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", key: "k2"));

        again.Should().Be(captured);
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization, MovementKind.Capture);
    }
}

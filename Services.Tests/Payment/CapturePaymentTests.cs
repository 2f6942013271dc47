using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FoodDelivery.Payment.Tests;

public sealed class CapturePaymentTests : PaymentTestBase
{
    [Fact]
    public async Task CapturePayment_WithoutAmount_CapturesWholeAuthorization()
    {
        await AuthorizeAsync("order-1");
        Host.Time.Advance(TimeSpan.FromMinutes(5));

        var payment = await Client.CapturePaymentAsync(Requests.Capture("order-1"));

        payment.Status.Should().Be(PaymentStatus.Captured);
        payment.Captured.Should().Be(Requests.Eur(1250));
        payment.Net.Should().Be(Requests.Eur(1250));
        payment.UpdatedAt.Should().Be(Timestamp.FromDateTimeOffset(PaymentTestHost.StartTime.AddMinutes(5)));
        payment.Ledger.Select(e => (e.Sequence, e.Kind, e.Amount.AmountMinor)).Should().Equal(
            (1L, LedgerEntryKind.Authorization, 1250L),
            (2L, LedgerEntryKind.Capture, 1250L));
    }

    [Fact]
    public async Task CapturePayment_PartialAmount_CapturesOnlyThatAmount()
    {
        await AuthorizeAsync("order-1");

        var payment = await Client.CapturePaymentAsync(Requests.Capture("order-1", amount: Requests.Eur(1000)));

        payment.Authorized.Should().Be(Requests.Eur(1250));
        payment.Captured.Should().Be(Requests.Eur(1000));
        payment.Net.Should().Be(Requests.Eur(1000));
    }

    [Fact]
    public async Task CapturePayment_TwiceWithDifferentKeys_KeepsOneCaptureEntry()
    {
        await AuthorizeAsync("order-1");
        var first = await Client.CapturePaymentAsync(Requests.Capture("order-1", key: "capture-a", amount: Requests.Eur(1000)));

        // Another key and another amount: the first capture stands, unchanged.
        var second = await Client.CapturePaymentAsync(Requests.Capture("order-1", key: "capture-b"));

        second.Should().Be(first);
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization, MovementKind.Capture);
    }

    [Fact]
    public async Task CapturePayment_RepeatWithSameKey_ReturnsSameResponseWithOneEffect()
    {
        await AuthorizeAsync("order-1");
        var first = await Client.CapturePaymentAsync(Requests.Capture("order-1"));
        var counts = await Host.CountRowsAsync();

        var repeat = await Client.CapturePaymentAsync(Requests.Capture("order-1"));

        repeat.Should().Be(first);
        (await Host.CountRowsAsync()).Should().Be(counts);
    }

    [Fact]
    public async Task CapturePayment_AmountAboveAuthorization_FailsOnAmountAndCapturesNothing()
    {
        await AuthorizeAsync("order-1");

        await Client.CapturePaymentAsync(Requests.Capture("order-1", amount: Requests.Eur(1251)))
            .ShouldFailOnFields("amount.amount_minor");

        (await Client.GetPaymentAsync(Requests.Get("order-1"))).Status.Should().Be(PaymentStatus.Authorized);
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization);
    }

    [Fact]
    public async Task CapturePayment_OtherCurrency_FailsCurrencyMismatch()
    {
        await AuthorizeAsync("order-1");

        await Client.CapturePaymentAsync(Requests.Capture("order-1", amount: new Money { AmountMinor = 1250, Currency = "USD" }))
            .ShouldFailWith(StatusCode.InvalidArgument, ErrorReasons.CurrencyMismatch);

        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization);
    }

    [Fact]
    public async Task CapturePayment_UnknownOrder_FailsNotFound()
    {
        await Client.CapturePaymentAsync(Requests.Capture("order-nobody")).ShouldFailWith(StatusCode.NotFound, ErrorReasons.NotFound);

        (await Host.CountRowsAsync()).Payments.Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CapturePayment_AfterVoidOrRefund_FailsIllegalTransition(bool capturedBeforeUndo)
    {
        await AuthorizeAsync("order-1");
        if (capturedBeforeUndo)
        {
            await Client.CapturePaymentAsync(Requests.Capture("order-1", key: "first-capture"));
        }

        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));
        var ledger = await Host.LedgerKindsAsync("order-1");

        await Client.CapturePaymentAsync(Requests.Capture("order-1", key: "late-capture"))
            .ShouldFailWith(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);

        (await Host.LedgerKindsAsync("order-1")).Should().Equal(ledger);
    }

    [Fact]
    public async Task CapturePayment_OnTombstone_FailsIllegalTransition()
    {
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));

        await Client.CapturePaymentAsync(Requests.Capture("order-1"))
            .ShouldFailWith(StatusCode.FailedPrecondition, ErrorReasons.IllegalTransition);

        (await Host.CountRowsAsync()).LedgerEntries.Should().Be(0);
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Payment.Tests;

public sealed class VoidOrRefundTests : PaymentTestBase
{
    [Fact]
    public async Task VoidOrRefund_Authorized_VoidsWithoutMovingMoney()
    {
        await AuthorizeAsync("order-1");

        var response = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", reason: "restaurant rejected"));

        response.Outcome.Should().Be(VoidOrRefundOutcome.Voided);
        response.Payment.Status.Should().Be(PaymentStatus.Voided);
        response.Payment.Tombstone.Should().BeFalse();
        response.Payment.Net.Should().Be(Requests.Eur(0));
        response.Payment.Ledger.Select(e => (e.Kind, e.Amount.AmountMinor)).Should().Equal(
            (LedgerEntryKind.Authorization, 1250L),
            (LedgerEntryKind.Void, 1250L));
        var stored = await Host.QueryAsync(db => db.Payments.SingleAsync());
        stored.UndoReason.Should().Be("restaurant rejected");
    }

    [Fact]
    public async Task VoidOrRefund_Captured_RefundsTheCaptureAndNetIsZero()
    {
        await AuthorizeAsync("order-1");
        await Client.CapturePaymentAsync(Requests.Capture("order-1", amount: Requests.Eur(1000)));

        var response = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));

        response.Outcome.Should().Be(VoidOrRefundOutcome.Refunded);
        response.Payment.Status.Should().Be(PaymentStatus.Refunded);
        response.Payment.Captured.Should().Be(Requests.Eur(1000));
        response.Payment.Refunded.Should().Be(Requests.Eur(1000));
        response.Payment.Net.Should().Be(Requests.Eur(0));
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(
            MovementKind.Authorization, MovementKind.Capture, MovementKind.Refund);
    }

    [Theory]
    [InlineData(false, VoidOrRefundOutcome.Voided)]
    [InlineData(true, VoidOrRefundOutcome.Refunded)]
    public async Task VoidOrRefund_RepeatUnderNewKey_ReturnsAlreadyUndoneWithoutNewEntry(bool capture, VoidOrRefundOutcome firstOutcome)
    {
        await AuthorizeAsync("order-1");
        if (capture)
        {
            await Client.CapturePaymentAsync(Requests.Capture("order-1"));
        }

        var first = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", key: "undo-a"));
        var counts = await Host.CountRowsAsync();

        var second = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", key: "undo-b"));

        first.Outcome.Should().Be(firstOutcome);
        second.Outcome.Should().Be(VoidOrRefundOutcome.AlreadyUndone);
        second.Payment.Should().Be(first.Payment);
        (await Host.CountRowsAsync()).Should().Be(counts with { IdempotencyRecords = counts.IdempotencyRecords + 1 });
    }

    [Fact]
    public async Task VoidOrRefund_RepeatWithSameKey_ReturnsSameResponseWithOneEffect()
    {
        await AuthorizeAsync("order-1");
        var first = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));
        var counts = await Host.CountRowsAsync();

        var repeat = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));

        repeat.Should().Be(first);
        (await Host.CountRowsAsync()).Should().Be(counts);
    }

    [Fact]
    public async Task VoidOrRefund_KeyReusedWithOtherPayload_FailsIdempotencyKeyReusedAndChangesNothing()
    {
        await AuthorizeAsync("order-1");
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", key: "undo", reason: "customer cancelled"));
        var counts = await Host.CountRowsAsync();

        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-2", key: "undo", reason: "customer cancelled"))
            .ShouldFailWith(StatusCode.InvalidArgument, ErrorReasons.IdempotencyKeyReused);

        (await Host.CountRowsAsync()).Should().Be(counts);
    }

    [Fact]
    public async Task VoidOrRefund_NothingAuthorized_LeavesTombstoneWithoutMoney()
    {
        var response = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));

        response.Outcome.Should().Be(VoidOrRefundOutcome.NothingToUndo);
        response.Payment.Tombstone.Should().BeTrue();
        response.Payment.Status.Should().Be(PaymentStatus.Voided);
        response.Payment.Ledger.Should().BeEmpty();
        response.Payment.Net.Should().BeNull("a tombstone never had money, so it has no currency either");
        (await Client.GetPaymentAsync(Requests.Get("order-1"))).Should().Be(response.Payment);
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 0, IdempotencyRecords: 1));
    }

    [Fact]
    public async Task VoidOrRefund_BeforeAuthorize_LateAuthorizeIsRefusedPaymentVoidedWithNoLedgerEntry()
    {
        // The saga gave up while its authorization was still in the network...
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1"));

        // ...then the authorization arrives: it must not hold money for a dead order, now or on a retry.
        var late = Requests.Authorize("order-1");
        await Client.AuthorizePaymentAsync(late).ShouldFailWith(StatusCode.FailedPrecondition, ErrorReasons.PaymentVoided);
        await Client.AuthorizePaymentAsync(late).ShouldFailWith(StatusCode.FailedPrecondition, ErrorReasons.PaymentVoided);

        var payment = await Client.GetPaymentAsync(Requests.Get("order-1"));
        payment.Tombstone.Should().BeTrue();
        payment.Status.Should().Be(PaymentStatus.Voided);
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 0, IdempotencyRecords: 2));
    }

    [Fact]
    public async Task VoidOrRefund_TombstoneAgainUnderNewKey_StillNothingToUndo()
    {
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", key: "undo-a"));

        var again = await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", key: "undo-b"));

        again.Outcome.Should().Be(VoidOrRefundOutcome.NothingToUndo);
        again.Payment.Tombstone.Should().BeTrue();
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 0, IdempotencyRecords: 2));
    }
}

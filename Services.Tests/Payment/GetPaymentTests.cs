using FoodDelivery.Contracts;
using FoodDelivery.Payment.Persistence;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Payment.Tests;

public sealed class GetPaymentTests : PaymentTestBase
{
    [Fact]
    public async Task GetPayment_UnknownOrder_FailsNotFound()
    {
        await Client.GetPaymentAsync(Requests.Get("order-nobody")).ShouldFailWith(StatusCode.NotFound, ErrorReasons.NotFound);
    }

    [Fact]
    public async Task GetPayment_ReturnsWhatTheLastCallReturned()
    {
        await AuthorizeAsync("order-1");
        var captured = await Client.CapturePaymentAsync(Requests.Capture("order-1"));

        (await Client.GetPaymentAsync(Requests.Get("order-1"))).Should().Be(captured);
    }

    [Fact]
    public async Task GetPayment_OrdersInEveryState_DerivedAmountsMatchLedgerSumsInTheDatabase()
    {
        await AuthorizeAsync("authorized", amountMinor: 1000);
        await AuthorizeAsync("captured", amountMinor: 2000);
        await Client.CapturePaymentAsync(Requests.Capture("captured", amount: Requests.Eur(1500)));
        await AuthorizeAsync("voided", amountMinor: 3000);
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("voided"));
        await AuthorizeAsync("refunded", amountMinor: 4000);
        await Client.CapturePaymentAsync(Requests.Capture("refunded"));
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("refunded"));

        // Sums computed by the database over the ledger table, independently of the service's own code.
        var sums = await Host.QueryAsync(db => db.LedgerEntries
            .GroupBy(e => e.PaymentId)
            .Select(g => new
            {
                OrderId = db.Payments.Single(p => p.Id == g.Key).OrderId,
                Authorized = g.Where(e => e.Kind == MovementKind.Authorization).Sum(e => e.AmountMinor),
                Captured = g.Where(e => e.Kind == MovementKind.Capture).Sum(e => e.AmountMinor),
                Refunded = g.Where(e => e.Kind == MovementKind.Refund).Sum(e => e.AmountMinor),
            })
            .ToListAsync());

        sums.Should().HaveCount(4);
        foreach (var sum in sums)
        {
            var payment = await Client.GetPaymentAsync(Requests.Get(sum.OrderId));
            payment.Authorized.AmountMinor.Should().Be(sum.Authorized, sum.OrderId);
            payment.Captured.AmountMinor.Should().Be(sum.Captured, sum.OrderId);
            payment.Refunded.AmountMinor.Should().Be(sum.Refunded, sum.OrderId);
            payment.Net.AmountMinor.Should().Be(sum.Captured - sum.Refunded, sum.OrderId);
            payment.Ledger.Should().HaveCount(
                await Host.QueryAsync(db => db.LedgerEntries.CountAsync(e => db.Payments.Any(p => p.Id == e.PaymentId && p.OrderId == sum.OrderId))));
        }

        var net = sums.ToDictionary(s => s.OrderId, s => s.Captured - s.Refunded);
        net.Should().Equal(new Dictionary<string, long>
        {
            ["authorized"] = 0,
            ["captured"] = 1500,
            ["voided"] = 0,
            ["refunded"] = 0,
        });
    }
}

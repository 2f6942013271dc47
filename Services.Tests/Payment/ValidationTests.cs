using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Payment.V1;

namespace FoodDelivery.Payment.Tests;

public sealed class ValidationTests : PaymentTestBase
{
    private static readonly RowCounts Nothing = new(Payments: 0, LedgerEntries: 0, IdempotencyRecords: 0);

    [Fact]
    public async Task AuthorizePayment_EveryFieldBad_NamesEveryFieldAndWritesNothing()
    {
        var request = new AuthorizePaymentRequest
        {
            IdempotencyKey = string.Empty,
            OrderId = string.Empty,
            CustomerId = "customer 1",
            Amount = new Money { AmountMinor = -5, Currency = "eur" },
            PaymentMethodToken = string.Empty,
        };

        await Client.AuthorizePaymentAsync(request).ShouldFailOnFields(
            "idempotency_key", "order_id", "customer_id", "amount.amount_minor", "amount.currency", "payment_method_token");

        (await Host.CountRowsAsync()).Should().Be(Nothing);
    }

    [Theory]
    [InlineData(0, "EUR", "amount.amount_minor")]
    [InlineData(1_000_001, "EUR", "amount.amount_minor")]
    [InlineData(1250, "EURO", "amount.currency")]
    [InlineData(1250, "", "amount.currency")]
    public async Task AuthorizePayment_BadAmount_FailsOnThatFieldAndWritesNothing(long amountMinor, string currency, string field)
    {
        await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", amountMinor: amountMinor, currency: currency))
            .ShouldFailOnFields(field);

        (await Host.CountRowsAsync()).Should().Be(Nothing);
    }

    [Fact]
    public async Task AuthorizePayment_MissingAmount_FailsOnAmount()
    {
        var request = Requests.Authorize("order-1");
        request.Amount = null;

        await Client.AuthorizePaymentAsync(request).ShouldFailOnFields("amount");

        (await Host.CountRowsAsync()).Should().Be(Nothing);
    }

    [Fact]
    public async Task CapturePayment_BadInputs_NamesEveryFieldAndWritesNothing()
    {
        var request = new CapturePaymentRequest
        {
            IdempotencyKey = "key\twith-tab",
            OrderId = "order 1",
            Amount = new Money { AmountMinor = 0, Currency = "EU" },
        };

        await Client.CapturePaymentAsync(request).ShouldFailOnFields(
            "idempotency_key", "order_id", "amount.amount_minor", "amount.currency");

        (await Host.CountRowsAsync()).Should().Be(Nothing);
    }

    [Fact]
    public async Task VoidOrRefund_BadInputs_NamesEveryFieldAndLeavesNoTombstone()
    {
        var request = new VoidOrRefundRequest
        {
            IdempotencyKey = string.Empty,
            OrderId = new string('o', 129),
            Reason = "bell\u0007",
        };

        await Client.VoidOrRefundAsync(request).ShouldFailOnFields("idempotency_key", "order_id", "reason");

        (await Host.CountRowsAsync()).Should().Be(Nothing);
    }

    [Fact]
    public async Task GetPayment_EmptyOrderId_FailsOnOrderId()
    {
        await Client.GetPaymentAsync(new GetPaymentRequest()).ShouldFailOnFields("order_id");
    }
}

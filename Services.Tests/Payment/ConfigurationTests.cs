using FoodDelivery.Contracts.Payment.V1;

namespace FoodDelivery.Payment.Tests;

public sealed class ConfigurationTests : PaymentTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Payment:MaxAmountMinor"] = "5000",
    };

    [Fact]
    public async Task AuthorizePayment_ConfiguredMaxAmount_IsTheLimit()
    {
        await Client.AuthorizePaymentAsync(Requests.Authorize("order-1", amountMinor: 5001)).ShouldFailOnFields("amount.amount_minor");

        var payment = await Client.AuthorizePaymentAsync(Requests.Authorize("order-2", amountMinor: 5000));

        payment.Status.Should().Be(PaymentStatus.Authorized);
    }

    [Fact]
    public async Task StartAsync_NonPositiveMaxAmount_RefusesToStart()
    {
        var start = () => PaymentTestHost.StartAsync(new Dictionary<string, string?> { ["Payment:MaxAmountMinor"] = "0" });

        await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>();
    }
}

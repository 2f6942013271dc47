using FoodDelivery.Contracts.Payment.V1;

namespace FoodDelivery.Payment.Tests;

/// <summary>Starts a fresh payment service for every test (xunit creates one instance per test).</summary>
public abstract class PaymentTestBase : IAsyncLifetime
{
    protected PaymentTestHost Host { get; private set; } = null!;

    protected PaymentService.PaymentServiceClient Client => Host.Client;

    /// <summary>Extra configuration for the service under test, e.g. to enable fault injection.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => Host = await PaymentTestHost.StartAsync(Settings);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Authorizes 12.50 EUR for the order with tok_visa.</summary>
    protected async Task<Contracts.Payment.V1.Payment> AuthorizeAsync(string orderId, long amountMinor = 1250) =>
        await Client.AuthorizePaymentAsync(Requests.Authorize(orderId, amountMinor: amountMinor));
}

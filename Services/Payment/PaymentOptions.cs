namespace FoodDelivery.Payment;

/// <summary>Tunables of the payment service, bound from the "Payment" configuration section.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payment";

    /// <summary>
    /// The largest amount one authorization (or capture) may carry, in minor units of any currency. A guard against
    /// a mistyped amount (e.g. cents sent as a price times 10,000); default 1,000,000 minor units (10,000.00 EUR).
    /// </summary>
    public long MaxAmountMinor { get; set; } = 1_000_000;
}

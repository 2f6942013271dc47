namespace FoodDelivery.Order;

/// <summary>Settings of the order service, bound from the "Order" configuration section.</summary>
public sealed class OrderOptions
{
    public const string SectionName = "Order";

    /// <summary>
    /// Secret that signs ListOrders page tokens, so a client cannot forge or edit one. Set the same value on every
    /// instance for tokens to survive restarts and work across instances; when empty, each process signs with a fresh
    /// random secret (tokens expire with the process).
    /// </summary>
    public string? PageTokenSecret { get; set; }
}

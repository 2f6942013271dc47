namespace FoodDelivery.Payment.Persistence;

/// <summary>What a ledger entry records. Only captures and refunds move money; authorizations and voids hold and release it.</summary>
public enum MovementKind
{
    Authorization,
    Capture,
    Void,
    Refund,
}

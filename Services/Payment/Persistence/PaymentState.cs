namespace FoodDelivery.Payment.Persistence;

/// <summary>Where an order's payment stands. Only AUTHORIZED and CAPTURED can still move money.</summary>
public enum PaymentState
{
    /// <summary>Money is held on the card; nothing has moved yet.</summary>
    Authorized,

    /// <summary>The held money (or part of it) was taken.</summary>
    Captured,

    /// <summary>The authorization was released without taking money (or, as a tombstone, none ever existed).</summary>
    Voided,

    /// <summary>The captured money was given back in full.</summary>
    Refunded,
}

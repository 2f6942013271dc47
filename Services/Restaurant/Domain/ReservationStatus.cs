namespace FoodDelivery.Restaurant.Domain;

/// <summary>Where an order's stock hold is in its life. Stored as text so the tables read well.</summary>
public enum ReservationStatus
{
    /// <summary>Stock is held for the order until the reservation's expiry.</summary>
    Held,

    /// <summary>The restaurant accepted the ticket: the held stock is consumed.</summary>
    Confirmed,

    /// <summary>Released by the saga's compensation or the restaurant's rejection: the stock is back.</summary>
    Released,

    /// <summary>Never accepted in time: the stock is back.</summary>
    Expired,
}

namespace FoodDelivery.Orchestrator.Saga;

/// <summary>Everything the saga needs, fixed at start (so every replay sees the same values).</summary>
/// <param name="OrderId">The order's id; the workflow id is derived from it.</param>
/// <param name="Lines">Priced lines: the client-facing API prices them from the restaurant's menu before starting.</param>
/// <param name="PickupAddress">The restaurant's address, where the courier picks the order up.</param>
/// <param name="TotalMinor">Sum of the lines in minor units of <paramref name="Currency"/>.</param>
/// <param name="Timeouts">Deadlines and activity timeouts; null takes <see cref="SagaTimeouts.Default"/>.</param>
public sealed record OrderSagaInput(
    string OrderId,
    string CustomerId,
    string RestaurantId,
    IReadOnlyList<SagaOrderLine> Lines,
    string Currency,
    long TotalMinor,
    SagaAddress PickupAddress,
    SagaAddress DeliveryAddress,
    string PaymentMethodToken,
    SagaTimeouts? Timeouts = null);

public sealed record SagaOrderLine(string ItemId, string Name, int Quantity, long UnitPriceMinor);

public sealed record SagaAddress(string Street, string City, string PostalCode, string Country);

/// <summary>
/// How long the saga waits for people and services. All are durable: they are engine timers and activity timeouts,
/// so they survive worker crashes and restarts.
/// </summary>
/// <param name="RestaurantAcceptance">How long the restaurant has to accept the ticket. Shorter than the stock hold.</param>
/// <param name="CourierAssignment">How long to keep trying to find a free courier.</param>
/// <param name="Pickup">How long the courier has to pick the order up once it is confirmed.</param>
/// <param name="Delivery">How long the courier has to deliver once picked up; past it an operator is asked.</param>
/// <param name="StepStartToClose">One attempt of a service call.</param>
/// <param name="StepScheduleToClose">All attempts of a service call together (transport failures are retried until then).</param>
/// <param name="CompensationScheduleToClose">All attempts of one compensation; past it the order needs an operator.</param>
public sealed record SagaTimeouts(
    TimeSpan RestaurantAcceptance,
    TimeSpan CourierAssignment,
    TimeSpan Pickup,
    TimeSpan Delivery,
    TimeSpan StepStartToClose,
    TimeSpan StepScheduleToClose,
    TimeSpan CompensationScheduleToClose)
{
    public static SagaTimeouts Default { get; } = new(
        RestaurantAcceptance: TimeSpan.FromMinutes(5),
        CourierAssignment: TimeSpan.FromMinutes(10),
        Pickup: TimeSpan.FromMinutes(45),
        Delivery: TimeSpan.FromHours(2),
        StepStartToClose: TimeSpan.FromSeconds(10),
        StepScheduleToClose: TimeSpan.FromMinutes(2),
        CompensationScheduleToClose: TimeSpan.FromMinutes(10));
}

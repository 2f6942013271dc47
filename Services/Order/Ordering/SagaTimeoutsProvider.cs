using FoodDelivery.Orchestrator.Saga;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Order.Ordering;

/// <summary>
/// The deadlines each new saga starts with, from the "Saga" configuration section (e.g. Saga:RestaurantAcceptance =
/// 00:05:00). They travel in the workflow input, so a running saga keeps the values it started with.
/// </summary>
public sealed class SagaTimeoutsProvider(IOptions<SagaTimeoutSettings> settings)
{
    public SagaTimeouts Current
    {
        get
        {
            var s = settings.Value;
            var d = SagaTimeouts.Default;
            return new SagaTimeouts(
                s.RestaurantAcceptance ?? d.RestaurantAcceptance,
                s.CourierAssignment ?? d.CourierAssignment,
                s.Pickup ?? d.Pickup,
                s.Delivery ?? d.Delivery,
                s.StepStartToClose ?? d.StepStartToClose,
                s.StepScheduleToClose ?? d.StepScheduleToClose,
                s.CompensationScheduleToClose ?? d.CompensationScheduleToClose);
        }
    }
}

/// <summary>Overrides of <see cref="SagaTimeouts.Default"/>; unset ones keep the default.</summary>
public sealed class SagaTimeoutSettings
{
    public const string SectionName = "Saga";

    public TimeSpan? RestaurantAcceptance { get; set; }

    public TimeSpan? CourierAssignment { get; set; }

    public TimeSpan? Pickup { get; set; }

    public TimeSpan? Delivery { get; set; }

    public TimeSpan? StepStartToClose { get; set; }

    public TimeSpan? StepScheduleToClose { get; set; }

    public TimeSpan? CompensationScheduleToClose { get; set; }
}

using System.Globalization;
using FoodDelivery.Orchestrator.Hosting;

namespace FoodDelivery.LocalStack;

/// <summary>The settings every in-process service gets: where Temporal is, saga deadlines, faults, then the caller's own.</summary>
internal static class StackSettings
{
    public static Dictionary<string, string?> ForServices(LocalStackOptions options, TemporalOptions temporal)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Temporal:Address"] = temporal.Address,
            ["Temporal:Namespace"] = temporal.Namespace,
            ["Temporal:TaskQueue"] = temporal.TaskQueue,
            ["FaultInjection:Enabled"] = options.FaultInjection ? "true" : "false",
        };
        if (options.SagaTimeouts is { } t)
        {
            settings["Saga:RestaurantAcceptance"] = Span(t.RestaurantAcceptance);
            settings["Saga:CourierAssignment"] = Span(t.CourierAssignment);
            settings["Saga:Pickup"] = Span(t.Pickup);
            settings["Saga:Delivery"] = Span(t.Delivery);
            settings["Saga:StepStartToClose"] = Span(t.StepStartToClose);
            settings["Saga:StepScheduleToClose"] = Span(t.StepScheduleToClose);
            settings["Saga:CompensationScheduleToClose"] = Span(t.CompensationScheduleToClose);
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}

using FoodDelivery.Contracts.Delivery.V1;
using Microsoft.Extensions.Options;
using Temporalio.Activities;

namespace FoodDelivery.Orchestrator.Activities;

/// <summary>The saga's calls to the Delivery service: find a courier, record pickup and delivery, cancel.</summary>
public sealed class DeliveryActivities(DeliveryService.DeliveryServiceClient client, IOptions<ServiceCallOptions> options)
{
    private const string Service = "delivery";

    /// <summary>Fails with the retryable NO_COURIER_AVAILABLE while every courier is busy; the engine retries it
    /// until the saga's courier deadline (the activity's schedule-to-close timeout).</summary>
    [Activity]
    public async Task<CourierAssignmentResult> AssignCourierAsync(AssignCourierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new AssignCourierRequest
        {
            IdempotencyKey = input.IdempotencyKey,
            OrderId = input.OrderId,
            Pickup = OrderActivities.ToProto(input.Pickup),
            Dropoff = OrderActivities.ToProto(input.Dropoff),
        };
        var assignment = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.AssignCourierAsync(request, o));
        return new CourierAssignmentResult(assignment.CourierId);
    }

    [Activity]
    public async Task ConfirmPickupAsync(CourierStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new ConfirmPickupRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId, CourierId = input.CourierId };
        await ServiceCall.InvokeAsync(Service, options.Value.CallDeadline, o => client.ConfirmPickupAsync(request, o));
    }

    [Activity]
    public async Task ConfirmDeliveredAsync(CourierStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new ConfirmDeliveredRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId, CourierId = input.CourierId };
        await ServiceCall.InvokeAsync(Service, options.Value.CallDeadline, o => client.ConfirmDeliveredAsync(request, o));
    }

    /// <summary>Compensation of AssignCourier: frees the courier (a tombstone when none was assigned).</summary>
    [Activity]
    public async Task<CompensationResult> CancelAssignmentAsync(CompensationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new CancelAssignmentRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId, Reason = input.Reason };
        var response = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.CancelAssignmentAsync(request, o));
        return new CompensationResult(response.Cancelled, response.Cancelled ? "courier freed" : "no courier was assigned");
    }
}

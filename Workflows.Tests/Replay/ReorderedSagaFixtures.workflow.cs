using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Activities;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Workflows;

namespace FoodDelivery.Workflows.Tests.Replay;

// TEST FIXTURES, never registered on a real worker. Three stand-ins for the saga, all under the real workflow type name
// "OrderSaga", that issue the saga's first commands (record order, reserve items, authorize payment) exactly as
// OrderSagaWorkflow does, then park. They are replayed against the first steps of the REAL recorded happy-path history
// (an order in flight, as a worker finds it after a deploy) to show what a change to the command sequence does:
//   OriginalSagaPrefix        the saga's order: replays (the control: the fixture mechanism itself is sound);
//   ReorderedSaga             authorizes payment before reserving items: replay fails with a non-determinism error;
//   PatchedReorderedSaga      the same change behind Workflow.Patched: old histories take the old path and replay.
// Only the prefix is copied: determinism is decided per command (activity type and id, timers), not by the inputs.

/// <summary>Fixture: the saga's first three commands in the saga's own order, then it waits (for the restaurant).</summary>
[Workflow(WireNames.OrderSagaWorkflowType)]
public sealed class OriginalSagaPrefix
{
    [WorkflowRun]
    public async Task RunAsync(OrderSagaInput input)
    {
        await SagaPrefixSteps.RecordOrderAsync(input);
        await SagaPrefixSteps.ReserveItemsAsync(input);
        await SagaPrefixSteps.AuthorizePaymentAsync(input);
        await SagaPrefixSteps.ParkAsync();
    }
}

/// <summary>Fixture: a NON-DETERMINISTIC change: payment is authorized before the items are reserved.</summary>
[Workflow(WireNames.OrderSagaWorkflowType)]
public sealed class ReorderedSaga
{
    [WorkflowRun]
    public async Task RunAsync(OrderSagaInput input)
    {
        await SagaPrefixSteps.RecordOrderAsync(input);
        await SagaPrefixSteps.AuthorizePaymentAsync(input);
        await SagaPrefixSteps.ReserveItemsAsync(input);
        await SagaPrefixSteps.ParkAsync();
    }
}

/// <summary>Fixture: the same reordering, done safely: new runs take it, histories without the patch marker do not.</summary>
[Workflow(WireNames.OrderSagaWorkflowType)]
public sealed class PatchedReorderedSaga
{
    public const string PatchId = "authorize-before-reserve";

    [WorkflowRun]
    public async Task RunAsync(OrderSagaInput input)
    {
        await SagaPrefixSteps.RecordOrderAsync(input);
        if (Workflow.Patched(PatchId))
        {
            await SagaPrefixSteps.AuthorizePaymentAsync(input);
            await SagaPrefixSteps.ReserveItemsAsync(input);
        }
        else
        {
            await SagaPrefixSteps.ReserveItemsAsync(input);
            await SagaPrefixSteps.AuthorizePaymentAsync(input);
        }

        await SagaPrefixSteps.ParkAsync();
    }
}

/// <summary>The saga's first steps, scheduled as <see cref="OrderSagaWorkflow"/> schedules them (same activities).</summary>
internal static class SagaPrefixSteps
{
    private static readonly ActivityOptions Step = new()
    {
        StartToCloseTimeout = SagaTimeouts.Default.StepStartToClose,
        ScheduleToCloseTimeout = SagaTimeouts.Default.StepScheduleToClose,
    };

    public static Task RecordOrderAsync(OrderSagaInput input) => Workflow.ExecuteActivityAsync(
        (OrderActivities a) => a.CreateOrderAsync(new CreateOrderInput(
            Key(input, SagaSteps.RecordOrder), input.OrderId, input.CustomerId, input.RestaurantId, input.Lines, input.Currency, input.DeliveryAddress)),
        Step);

    public static Task<ReservationResult> ReserveItemsAsync(OrderSagaInput input) => Workflow.ExecuteActivityAsync(
        (RestaurantActivities a) => a.ReserveItemsAsync(new ReserveItemsInput(
            Key(input, SagaSteps.ReserveItems), input.OrderId, input.RestaurantId, input.Lines)),
        Step);

    public static Task<PaymentResult> AuthorizePaymentAsync(OrderSagaInput input) => Workflow.ExecuteActivityAsync(
        (PaymentActivities a) => a.AuthorizePaymentAsync(new AuthorizePaymentInput(
            Key(input, SagaSteps.AuthorizePayment), input.OrderId, input.CustomerId, input.TotalMinor, input.Currency, input.PaymentMethodToken)),
        Step);

    /// <summary>Where the real saga goes on to wait for the restaurant; the fixtures stop issuing commands here.</summary>
    public static Task ParkAsync() => Workflow.WaitConditionAsync(() => false);

    private static string Key(OrderSagaInput input, string step) => WireNames.IdempotencyKey(input.OrderId, step);
}

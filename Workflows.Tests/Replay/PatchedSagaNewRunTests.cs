using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Activities;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.Workflows.Tests.Support;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace FoodDelivery.Workflows.Tests.Replay;

/// <summary>
/// The other half of the Workflow.Patched story (NondeterminismTests shows old histories take the old path): a NEW run
/// of the patched fixture, on the engine with the real services, records the patch marker and takes the new path
/// (authorize before reserve); its history replays with the patched code and not with the old order.
/// </summary>
public sealed class PatchedSagaNewRunTests : IAsyncLifetime
{
    private SagaEnvironment _environment = null!;

    public async Task InitializeAsync() => _environment = await SagaEnvironment.StartAsync();

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task PatchedReorderedSaga_NewRun_RecordsMarkerAndAuthorizesBeforeReserving()
    {
        var orderId = WireNames.OrderIdFor("cust-patch", Guid.NewGuid().ToString("N"));
        var taskQueue = $"patched-{Guid.NewGuid():N}";
        var services = _environment.Services;
        using var order = GrpcChannel.ForAddress(services.Order.Address);
        using var payment = GrpcChannel.ForAddress(services.Payment.Address);
        using var restaurant = GrpcChannel.ForAddress(services.Restaurant.Address);
        var calls = Options.Create(new ServiceCallOptions());
        using var worker = new TemporalWorker(_environment.Client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<PatchedReorderedSaga>()
            .AddAllActivities(new OrderActivities(new OrderService.OrderServiceClient(order.WithDevelopmentTokens()), calls))
            .AddAllActivities(new PaymentActivities(new PaymentService.PaymentServiceClient(payment.WithDevelopmentTokens()), calls))
            .AddAllActivities(new RestaurantActivities(new RestaurantService.RestaurantServiceClient(restaurant.WithDevelopmentTokens()), calls)));
        using var stop = new CancellationTokenSource();
        var running = worker.ExecuteAsync(stop.Token);

        WorkflowHistory history;
        try
        {
            var handle = await _environment.Client.StartWorkflowAsync(
                (PatchedReorderedSaga wf) => wf.RunAsync(Input(orderId)),
                new WorkflowOptions(WireNames.WorkflowIdFor(orderId), taskQueue));

            // The fixture parks after its three steps (where the saga waits for the restaurant): wait for them, then end it.
            history = await handle.FetchHistoryAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (history.Events.Count(e => e.EventType == EventType.ActivityTaskCompleted) < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                history = await handle.FetchHistoryAsync();
            }

            await handle.TerminateAsync("test done: the fixture parks forever");
            history = await handle.FetchHistoryAsync();
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // The worker stops by cancellation.
            }
        }

        history.Events.Count(e => e.EventType == EventType.ActivityTaskCompleted).Should().Be(3, "all three steps should have run");
        history.Events.Should().Contain(e => e.EventType == EventType.MarkerRecorded, "a new run records that it took the patched path");
        history.Events.Where(e => e.EventType == EventType.ActivityTaskScheduled)
            .Select(e => e.ActivityTaskScheduledEventAttributes.ActivityType.Name)
            .Should().Equal("CreateOrder", "AuthorizePayment", "ReserveItems");

        var patched = await ReplayAsync<PatchedReorderedSaga>(history);
        patched.ReplayFailure.Should().BeNull(patched.ReplayFailure?.ToString());
        var original = await ReplayAsync<OriginalSagaPrefix>(history);
        original.ReplayFailure.Should().BeOfType<WorkflowNondeterminismException>(
            "code without the patch cannot replay a run that took the patched path");
    }

    private static OrderSagaInput Input(string orderId)
    {
        var address = new SagaAddress("Oranienstrasse 12", "Berlin", "10999", "DE");
        return new OrderSagaInput(
            orderId,
            "cust-patch",
            SagaDriver.Pizzeria,
            [new SagaOrderLine("item-margherita", "Pizza Margherita", 1, 950)],
            "EUR",
            950,
            address,
            address with { Street = "Skalitzer Strasse 1" },
            "tok_visa");
    }

    private static Task<WorkflowReplayResult> ReplayAsync<TWorkflow>(WorkflowHistory history) =>
        // The history comes from the engine with encrypted payloads: the replayer decrypts with the same (development) key.
        new WorkflowReplayer(new WorkflowReplayerOptions { DataConverter = FoodDeliveryDataConverter.Create(PayloadEncryptionOptions.Development) }
            .AddWorkflow<TWorkflow>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);
}

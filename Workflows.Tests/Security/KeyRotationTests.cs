using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using Microsoft.Extensions.Hosting;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Worker;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>
/// Key rotation on a running saga: it starts under key A, the worker is restarted with key B active (A kept for
/// decryption), and the saga finishes. Old payloads stay readable, new ones use B, and without A nothing old is readable.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly (string Id, string Key) KeyA = ("2026-05", TestKeys.NewKey());
    private static readonly (string Id, string Key) KeyB = ("2026-11", TestKeys.NewKey());

    // Every reader gets B before any writer uses it: the Order service reads both and still writes with A.
    private static readonly PayloadEncryptionOptions OrderServiceKeys = TestKeys.Options(KeyA.Id, KeyA, KeyB);
    private static readonly PayloadEncryptionOptions BeforeRotation = TestKeys.Options(KeyA.Id, KeyA);
    private static readonly PayloadEncryptionOptions AfterRotation = TestKeys.Options(KeyB.Id, KeyA, KeyB);

    private SagaEnvironment _environment = null!;
    private IHost? _worker;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync(new SagaEnvironmentOptions
        {
            ServiceSettings = new Dictionary<string, IDictionary<string, string?>>
            {
                ["order"] = OrderServiceKeys.ToSettings().ToDictionary(s => s.Key, s => s.Value),
            },
        });

        // The environment's own worker has the development key; this test runs its workers with A, then B.
        await _environment.StopWorkerAsync();
    }

    public async Task DisposeAsync()
    {
        await StopWorkerAsync();
        await _environment.DisposeAsync();
    }

    [Fact]
    public async Task Saga_WorkerRestartedWithNewActiveKey_CompletesAndWritesNewPayloadsWithIt()
    {
        await StartWorkerAsync(BeforeRotation);
        var client = await ClientAsync(AfterRotation);
        var orderId = (await _environment.Ordering.PlaceOrderAsync(SagaDriver.NewOrder())).OrderId;
        await WaitForStateAsync(client, orderId, SagaState.AwaitingRestaurant);

        await StopWorkerAsync();
        await StartWorkerAsync(AfterRotation);
        var result = await DeliverAsync(client, orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        var stored = await (await ClientAsync(null)).GetWorkflowHandle(WireNames.WorkflowIdFor(orderId)).FetchHistoryAsync();
        var started = stored.Events.First().WorkflowExecutionStartedEventAttributes.Input.Payloads_.Single();
        var sagaResult = stored.Events.Last().WorkflowExecutionCompletedEventAttributes.Result.Payloads_.Single();
        KeyIdOf(started).Should().Be(KeyA.Id, "the Order service started the saga with the key it had then");
        KeyIdOf(sagaResult).Should().Be(KeyB.Id, "the restarted worker encrypts with the new active key");
        stored.Events.Where(e => e.ActivityTaskScheduledEventAttributes is not null)
            .Select(e => KeyIdOf(e.ActivityTaskScheduledEventAttributes.Input.Payloads_.Single()))
            .Should().Contain([KeyA.Id, KeyB.Id]);
    }

    [Fact]
    public async Task Replay_HistoryUnderTwoKeys_NeedsTheOldKeyToo()
    {
        await StartWorkerAsync(AfterRotation);
        var client = await ClientAsync(AfterRotation);
        var orderId = (await _environment.Ordering.PlaceOrderAsync(SagaDriver.NewOrder())).OrderId;
        await DeliverAsync(client, orderId);
        var history = await client.GetWorkflowHandle(WireNames.WorkflowIdFor(orderId)).FetchHistoryAsync();

        var withBothKeys = await ReplayAsync(history, AfterRotation);
        var withNewKeyOnly = await ReplayAsync(history, TestKeys.Options(KeyB.Id, KeyB));

        withBothKeys.ReplayFailure.Should().BeNull(withBothKeys.ReplayFailure?.ToString());
        withNewKeyOnly.ReplayFailure.Should().NotBeNull("the saga's input is encrypted with the old key");
        var read = () => FoodDeliveryDataConverter.Create(TestKeys.Options(KeyB.Id, KeyB))
            .ToValueAsync<OrderSagaInput>(history.Events.First().WorkflowExecutionStartedEventAttributes.Input.Payloads_.Single());
        (await read.Should().ThrowAsync<PayloadDecryptionException>()).WithMessage($"*key '{KeyA.Id}'*not configured*");
    }

    private async Task StartWorkerAsync(PayloadEncryptionOptions keys) =>
        _worker = await SagaWorkerHost.StartAsync(_environment.Services, _environment.Temporal with { Encryption = keys });

    private async Task StopWorkerAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
            _worker = null;
        }
    }

    /// <summary>A client of the environment's engine with <paramref name="keys"/>; null: no codec at all (payloads as stored).</summary>
    private async Task<TemporalClient> ClientAsync(PayloadEncryptionOptions? keys)
    {
        var options = new TemporalClientConnectOptions(_environment.Temporal.Address!) { Namespace = _environment.Temporal.Namespace };
        if (keys is not null)
        {
            options.DataConverter = FoodDeliveryDataConverter.Create(keys);
        }

        return await TemporalClient.ConnectAsync(options);
    }

    private async Task<OrderSagaResult> DeliverAsync(TemporalClient client, string orderId)
    {
        await WaitForStateAsync(client, orderId, SagaState.AwaitingRestaurant);
        await _environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Pizzeria });
        var courier = (await WaitForStateAsync(client, orderId, SagaState.Confirmed)).CourierId!;
        await _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        await WaitForStateAsync(client, orderId, SagaState.PickedUp);
        await _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        return await client.GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId)).GetResultAsync<OrderSagaResult>();
    }

    private static async Task<OrderSagaStatus> WaitForStateAsync(TemporalClient client, string orderId, SagaState state)
    {
        var deadline = DateTime.UtcNow + Patience;
        OrderSagaStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await client.GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId)).QueryAsync(wf => wf.GetStatus());
                if (status.State == state)
                {
                    return status;
                }
            }
            catch (Temporalio.Exceptions.RpcException)
            {
                // Not started yet, or no worker answers queries for a moment (restart): ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"order {orderId} did not reach {state} within {Patience}; last status: {status}");
    }

    private static Task<WorkflowReplayResult> ReplayAsync(Temporalio.Common.WorkflowHistory history, PayloadEncryptionOptions keys) =>
        new WorkflowReplayer(new WorkflowReplayerOptions { DataConverter = FoodDeliveryDataConverter.Create(keys) }.AddWorkflow<OrderSagaWorkflow>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);

    private static string KeyIdOf(Temporalio.Api.Common.V1.Payload payload) =>
        payload.Metadata[AesGcmPayloadCodec.KeyIdKey].ToStringUtf8();
}

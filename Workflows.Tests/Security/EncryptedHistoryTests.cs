using System.Text;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Api.Common.V1;
using Temporalio.Api.History.V1;
using Temporalio.Common;
using Temporalio.Worker;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>
/// Issue 9, "PII in workflow histories": after a real saga, the engine holds the customer's address and payment token
/// only encrypted, the saga still completes, and exported histories (encrypted or decrypted) still replay.
/// </summary>
public sealed class EncryptedHistoryTests(DeliveredSagaFixture saga) : IClassFixture<DeliveredSagaFixture>
{
    [Fact]
    public void RawHistory_DeliveredSaga_HoldsNoAddressOrPaymentTokenInClear()
    {
        saga.Result.FinalState.Should().Be(SagaState.Delivered);
        var stored = DeliveredSagaFixture.Bytes(saga.RawHistory);

        foreach (var secret in DeliveredSagaFixture.PersonalData)
        {
            Contains(stored, secret).Should().BeFalse($"'{secret}' must not be stored in clear by the engine");
        }
    }

    [Fact]
    public async Task DecryptedHistory_DeliveredSaga_ShowsTheAddressAndToken()
    {
        // The check above can fail: with the keys, the same history holds every secret.
        var history = saga.CopyOfRawHistory();
        foreach (var historyEvent in history.Events)
        {
            await MessagePayloads.DecodeAsync(historyEvent, saga.Environment.Client.Options.DataConverter.PayloadCodec!);
        }

        var decrypted = DeliveredSagaFixture.Bytes(history);
        foreach (var secret in DeliveredSagaFixture.PersonalData)
        {
            Contains(decrypted, secret).Should().BeTrue($"'{secret}' is in the saga's input");
        }
    }

    [Fact]
    public void RawHistory_DeliveredSaga_EveryInputResultSignalAndMemoIsEncrypted()
    {
        var payloads = PayloadsOf(saga.RawHistory.Events).ToList();

        payloads.Should().HaveCountGreaterThan(20);
        payloads.Should().OnlyContain(p => AesGcmPayloadCodec.IsEncrypted(p.Payload), "every payload of the saga is encrypted");
        payloads.Select(p => p.Where).Should().Contain(["start input", "memo request_fingerprint", "memo total_minor", "signal input", "activity input", "activity result", "saga result"]);
        var started = saga.RawHistory.Events.First().WorkflowExecutionStartedEventAttributes;
        started.Input.Payloads_.Single().Metadata[AesGcmPayloadCodec.KeyIdKey].ToStringUtf8().Should().Be(PayloadEncryptionOptions.DevelopmentKeyId);
        started.SearchAttributes?.IndexedFields.Should().BeNullOrEmpty("nothing about the order is put in search attributes, which are never encrypted");
    }

    [Fact]
    public async Task DescribeAsync_SagaStartedWithMemo_ReadsTheEncryptedMemoBack()
    {
        var description = await saga.Environment.Saga(saga.OrderId).DescribeAsync();

        (await description.Memo[WireNames.CurrencyMemo].ToValueAsync<string>()).Should().Be("EUR");
        (await description.Memo[WireNames.TotalMinorMemo].ToValueAsync<long>()).Should().Be((2 * 950) + 650);
    }

    [Fact]
    public async Task ReplayWorkflow_ExportedEncrypted_ReplaysWithTheSharedConverterOnly()
    {
        var exported = WorkflowHistory.FromJson(saga.RawHistory.Id, saga.RawHistory.ToJson());

        var withKeys = await Replayer(saga.Environment.Client.Options.DataConverter).ReplayWorkflowAsync(exported, throwOnReplayFailure: false);
        var withoutKeys = await Replayer(Temporalio.Converters.DataConverter.Default).ReplayWorkflowAsync(exported, throwOnReplayFailure: false);

        withKeys.ReplayFailure.Should().BeNull(withKeys.ReplayFailure?.ToString());
        withoutKeys.ReplayFailure.Should().NotBeNull("the saga's input cannot be read without the key");
    }

    [Fact]
    public async Task ReplayWorkflow_ExportedDecrypted_ReplaysAndShowsTheAddress()
    {
        var history = saga.CopyOfRawHistory();
        foreach (var historyEvent in history.Events)
        {
            await MessagePayloads.DecodeAsync(historyEvent, saga.Environment.Client.Options.DataConverter.PayloadCodec!);
        }

        var json = history.ToJson();
        var exported = WorkflowHistory.FromJson(history.Id, json);

        var replay = await Replayer(saga.Environment.Client.Options.DataConverter).ReplayWorkflowAsync(exported, throwOnReplayFailure: false);

        replay.ReplayFailure.Should().BeNull(replay.ReplayFailure?.ToString());
        exported.Events.First().WorkflowExecutionStartedEventAttributes.Input.Payloads_.Single().Data.ToStringUtf8()
            .Should().Contain(DeliveredSagaFixture.Street);
    }

    [Fact]
    public async Task CodecEndpoint_StoredSagaInput_DecodesToTheAddressOverHttp()
    {
        var codec = (AesGcmPayloadCodec)saga.Environment.Client.Options.DataConverter.PayloadCodec!;
        await using var endpoint = await CodecEndpoint.StartAsync(
            new CodecEndpointOptions { Url = new Uri("http://127.0.0.1:0") }, codec, saga.Environment.Temporal.Namespace);
        var stored = saga.RawHistory.Events.First().WorkflowExecutionStartedEventAttributes.Input;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var body = new StringContent(Google.Protobuf.JsonFormatter.Default.Format(stored), Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(endpoint.Address, "/decode"), body);

        response.EnsureSuccessStatusCode();
        var decoded = Google.Protobuf.JsonParser.Default.Parse<Payloads>(await response.Content.ReadAsStringAsync());
        decoded.Payloads_.Single().Data.ToStringUtf8().Should().Contain(DeliveredSagaFixture.Street).And.Contain(DeliveredSagaFixture.PaymentToken);
    }

    private static WorkflowReplayer Replayer(Temporalio.Converters.DataConverter converter) =>
        new(new WorkflowReplayerOptions { DataConverter = converter }.AddWorkflow<OrderSagaWorkflow>());

    /// <summary>The payloads of the events that carry order data, each with where it was found.</summary>
    private static IEnumerable<(string Where, Payload Payload)> PayloadsOf(IEnumerable<HistoryEvent> events)
    {
        foreach (var e in events)
        {
            IEnumerable<(string, Payload)> found = e switch
            {
                { WorkflowExecutionStartedEventAttributes: { } a } => a.Input.Payloads_.Select(p => ("start input", p))
                    .Concat(a.Memo.Fields.Select(f => ($"memo {f.Key}", f.Value))),
                { ActivityTaskScheduledEventAttributes: { } a } => a.Input.Payloads_.Select(p => ("activity input", p)),
                { ActivityTaskCompletedEventAttributes: { Result: { } r } } => r.Payloads_.Select(p => ("activity result", p)),
                { WorkflowExecutionSignaledEventAttributes: { Input: { } i } } => i.Payloads_.Select(p => ("signal input", p)),
                { WorkflowExecutionCompletedEventAttributes: { Result: { } r } } => r.Payloads_.Select(p => ("saga result", p)),
                _ => [],
            };
            foreach (var item in found)
            {
                yield return item;
            }
        }
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}

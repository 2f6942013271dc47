using System.Diagnostics;
using System.Text.Json;
using FoodDelivery.Observability.Tests.Support;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Orchestrator.Tracing;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;

namespace FoodDelivery.Observability.Tests;

/// <summary>
/// One order, one trace: the customer's PlaceOrder call, the order service, the workflow start, the saga, each of its
/// activities (schedule and attempt), the gRPC call to each service and that service's database commands.
/// </summary>
public sealed class TraceTests : IAsyncLifetime
{
    /// <summary>The activities of a delivered order, with how often each runs.</summary>
    private static readonly Dictionary<string, int> HappyPathActivities = new()
    {
        ["CreateOrder"] = 1,
        ["ReserveItems"] = 1,
        ["AuthorizePayment"] = 1,
        ["ConfirmTicket"] = 1,
        ["AssignCourier"] = 1,
        ["CapturePayment"] = 1,
        ["TransitionOrder"] = 3,
        ["ConfirmPickup"] = 1,
        ["ConfirmDelivered"] = 1,
    };

    private static readonly string[] Services =
        ["order.v1.OrderService", "payment.v1.PaymentService", "restaurant.v1.RestaurantService", "delivery.v1.DeliveryService"];

    private ObservedSystem _system = null!;
    private OrderDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await ObservedSystem.StartAsync();
        _driver = new OrderDriver(_system);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task PlaceOrder_DeliveredOrder_OneTraceFromClientThroughWorkflowAndActivitiesToEveryDatabase()
    {
        var (orderId, traceId) = await _driver.PlaceTracedAsync(OrderDriver.NewOrder());
        var result = await _driver.DeliverAsync(orderId);
        result.FinalState.Should().Be(SagaState.Delivered);

        var tree = await WaitForSagaTraceAsync(traceId, activityRuns: HappyPathActivities.Values.Sum());

        // Client -> order service -> StartWorkflow -> RunWorkflow.
        var root = tree.Named("customer places an order").Should().ContainSingle().Subject;
        var placeOrder = tree.ServerSpans("order.v1.OrderingApi/PlaceOrder").Should().ContainSingle().Subject;
        var placeOrderClient = tree.Parent(placeOrder);
        placeOrderClient.Should().NotBeNull(tree.ToString());
        SpanTree.IsGrpcClient(placeOrderClient!).Should().BeTrue(tree.ToString());
        tree.Parent(placeOrderClient!).Should().BeSameAs(root);
        var start = tree.Named("StartWorkflow:OrderSaga").Should().ContainSingle().Subject;
        start.Kind.Should().Be(ActivityKind.Client);
        tree.Ancestors(start).Should().Contain(placeOrder);
        start.GetTagItem(TemporalSpanTags.WorkflowId).Should().Be($"order-{orderId}");
        var run = tree.Named("RunWorkflow:OrderSaga").Should().ContainSingle().Subject;
        run.ParentSpanId.Should().Be(start.SpanId);
        run.GetTagItem(TemporalSpanTags.RunId).Should().BeOfType<string>().Which.Should().NotBeEmpty();

        // Every activity: StartActivity under RunWorkflow, RunActivity under its StartActivity, then a service call.
        foreach (var (activity, times) in HappyPathActivities)
        {
            var scheduled = tree.Named($"StartActivity:{activity}").ToList();
            scheduled.Should().HaveCount(times, activity);
            scheduled.Should().OnlyContain(s => s.ParentSpanId == run.SpanId, activity);
            var attempts = tree.Named($"RunActivity:{activity}").ToList();
            attempts.Should().HaveCount(times, activity);
            attempts.Should().OnlyContain(a => scheduled.Any(s => s.SpanId == a.ParentSpanId), activity);
            attempts.Should().OnlyContain(a => a.GetTagItem(TemporalSpanTags.ActivityId) != null, activity);
            attempts.Should().OnlyContain(a => tree.Descendants(a).Any(d => d.Kind == ActivityKind.Server), activity);
        }

        // Each service: its gRPC server spans under an activity, and its database commands under those.
        foreach (var service in Services)
        {
            var served = tree.ServerSpans(service).ToList();
            served.Should().NotBeEmpty(service);
            served.Should().Contain(s => tree.Ancestors(s).Any(a => a.DisplayName.StartsWith("RunActivity:", StringComparison.Ordinal)), service);
            served.SelectMany(tree.Descendants).Should().Contain(d => SpanTree.IsDatabase(d), $"{service} writes its database");
        }

        // No payment token, card data or address on any span.
        var text = string.Join('\n', tree.Spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Value}")
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{t.Value}")))));
        text.Should().NotContain("tok_visa").And.NotContain("Skalitzer");
    }

    [Fact]
    public async Task StartWorkflow_TracerDataHeader_IsJsonMapWithTheStartAndActivitySpanContexts()
    {
        var (orderId, traceId) = await _driver.PlaceTracedAsync(OrderDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
        var tree = new SpanTree(await TelemetryCapture.WaitForSpansAsync(
            traceId, spans => spans.Count(s => s.DisplayName.StartsWith("RunActivity:", StringComparison.Ordinal)) >= 3));
        var start = tree.Named("StartWorkflow:OrderSaga").Should().ContainSingle().Subject;

        var history = await _system.Saga(orderId).FetchHistoryAsync();

        var started = history.Events.First(e => e.EventType == EventType.WorkflowExecutionStarted).WorkflowExecutionStartedEventAttributes;
        var carrier = await TracerDataAsync(started.Header.Fields.Should().ContainKey(TracingHeader.Key).WhoseValue);
        carrier.Should().ContainKey("traceparent").WhoseValue.Should().Be($"00-{traceId}-{start.SpanId}-01");

        var scheduledIds = tree.NamedStartingWith("StartActivity:").Select(s => $"00-{traceId}-{s.SpanId}-01").ToList();
        var activityHeaders = new List<string>();
        foreach (var scheduled in history.Events.Where(e => e.EventType == EventType.ActivityTaskScheduled))
        {
            activityHeaders.Add((await TracerDataAsync(scheduled.ActivityTaskScheduledEventAttributes.Header.Fields[TracingHeader.Key]))["traceparent"]);
        }

        activityHeaders.Should().HaveCount(3).And.BeSubsetOf(scheduledIds);
    }

    /// <summary>
    /// The header as the engine stores it goes through the payload codec like every payload (encrypted); decoded, it is
    /// the documented JSON map written by the propagator.
    /// </summary>
    private async Task<Dictionary<string, string>> TracerDataAsync(Payload stored)
    {
        stored.Metadata["encoding"].ToStringUtf8().Should().Be("binary/encrypted");
        var clear = (await _system.Client.Options.DataConverter.PayloadCodec!.DecodeAsync([stored])).Single();
        clear.Metadata["encoding"].ToStringUtf8().Should().Be("json/plain");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(clear.Data.ToStringUtf8())!;
    }

    private static async Task<SpanTree> WaitForSagaTraceAsync(ActivityTraceId traceId, int activityRuns)
    {
        var spans = await TelemetryCapture.WaitForSpansAsync(traceId, spans =>
        {
            var tree = new SpanTree(spans);
            var runs = tree.NamedStartingWith("RunActivity:").ToList();
            return runs.Count >= activityRuns
                && runs.All(r => tree.Descendants(r).Any(d => d.Kind == ActivityKind.Server && tree.Descendants(d).Any(SpanTree.IsDatabase)));
        });
        return new SpanTree(spans);
    }
}

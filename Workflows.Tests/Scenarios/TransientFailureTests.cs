using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>
/// Transport failures (UNAVAILABLE before any effect) on every step are retried by the engine with the same idempotency
/// key, so the order still ends DELIVERED with exactly one effect per step.
/// </summary>
public sealed class TransientFailureTests : IAsyncLifetime
{
    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync(new SagaEnvironmentOptions { Timeouts = ScenarioProbes.NudgeableTimeouts });
        _driver = new SagaDriver(_environment);
    }

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task PlaceOrder_EveryStepFailsTransientlyFirst_EndsDeliveredWithOneEffectPerStep()
    {
        var request = SagaDriver.NewOrder();
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        var faults = new (string Service, string Step, int Failures)[]
        {
            ("order", SagaSteps.RecordOrder, 2),
            ("restaurant", SagaSteps.ReserveItems, 2),
            ("payment", SagaSteps.AuthorizePayment, 2),
            ("restaurant", SagaSteps.ConfirmTicket, 1),
            ("delivery", SagaSteps.AssignCourier, 2),
            ("payment", SagaSteps.CapturePayment, 2),
            ("order", SagaSteps.ConfirmOrder, 1),
            ("delivery", SagaSteps.ConfirmPickup, 1),
            ("order", SagaSteps.MarkPickedUp, 1),
            ("delivery", SagaSteps.ConfirmDelivery, 1),
            ("order", SagaSteps.MarkDelivered, 1),
        };
        foreach (var (service, step, failures) in faults)
        {
            _environment.Faults(service).FailFirstAttempts(WireNames.IdempotencyKey(orderId, step), failures);
        }

        (await _driver.PlaceAsync(request)).Should().Be(orderId);
        var result = await ScenarioProbes.DeliverAsync(_environment, orderId);

        result.FinalState.Should().Be(SagaState.Delivered);
        result.CompensationsRun.Should().BeEmpty();
        var status = await ScenarioProbes.StatusAsync(_environment, orderId);
        status.StepsDone.Should().OnlyHaveUniqueItems();
        status.StepsDone.Should().Contain(faults.Select(f => f.Step));

        // Every injected failure was a real failed attempt: the engine retried each faulted step.
        var attempts = await ScenarioProbes.LastAttemptsAsync(_environment, orderId);
        foreach (var (_, step, failures) in faults)
        {
            attempts.Should().Contain(a => a.Key == WireNames.IdempotencyKey(orderId, step) && a.Attempt == failures + 1,
                $"step {step} failed {failures} time(s) before it succeeded");
        }

        await ScenarioProbes.ShouldBeDeliveredOnceAsync(_environment, orderId, totalMinor: (2 * 950) + 650);
        (await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, "item-margherita")).Consumed.Should().Be(2);
        (await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, "item-tiramisu")).Consumed.Should().Be(1);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
        await HistoryRecorder.RecordAsync(_environment, orderId, "transient-failures");
    }

    [Fact]
    public async Task PlaceOrders_RandomTransientFailuresOnAllServices_AllDeliveredWithOneEffectEach()
    {
        foreach (var service in new[] { "order", "payment", "restaurant", "delivery" })
        {
            _environment.Faults(service).SetTransientFailureRate(0.15);
        }

        var orderIds = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            orderIds.Add(await _driver.PlaceAsync(SagaDriver.NewOrder(customerId: $"cust-{i}")));
        }

        foreach (var orderId in orderIds)
        {
            var result = await ScenarioProbes.DeliverAsync(_environment, orderId);
            result.FinalState.Should().Be(SagaState.Delivered, result.Reason);
        }

        foreach (var service in new[] { "order", "payment", "restaurant", "delivery" })
        {
            _environment.Faults(service).SetTransientFailureRate(0);
        }

        foreach (var orderId in orderIds)
        {
            (await ScenarioProbes.StatusAsync(_environment, orderId)).StepsDone.Should().OnlyHaveUniqueItems();
            await ScenarioProbes.ShouldBeDeliveredOnceAsync(_environment, orderId, totalMinor: (2 * 950) + 650);
        }

        var margherita = await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, "item-margherita");
        margherita.Consumed.Should().Be(2 * orderIds.Count);
        margherita.Held.Should().Be(0);
        (await ScenarioProbes.MenuItemAsync(_environment, SagaDriver.Pizzeria, "item-tiramisu")).Consumed.Should().Be(orderIds.Count);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(orderIds.Count);
    }
}

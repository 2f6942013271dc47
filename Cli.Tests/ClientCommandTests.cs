using System.Text.RegularExpressions;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.Cli.Tests.Support;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using Temporalio.Common;
using Temporalio.Worker;

namespace FoodDelivery.Cli.Tests;

/// <summary>
/// The client commands against a real system in this process (LocalStack without the simulator): the tests play
/// customer, restaurant and courier through the CLI alone and read what it printed.
/// </summary>
public sealed partial class ClientCommandTests(StackFixture fixture) : IClassFixture<StackFixture>
{
    private const string Address = "Skalitzer Strasse 1, Berlin, 10999, DE";

    [Fact]
    public async Task OrderPlace_ThenOrderStatus_ShowsTheOrderWaitingForTheRestaurant()
    {
        var placed = await fixture.RunAsync(
            "order", "place", "--customer", "cust-cli-status", "--restaurant", "rest-pizzeria",
            "--item", "item-margherita:2", "-i", "item-tiramisu:1", "--address", Address, "--payment-token", "tok_visa");

        placed.ExitCode.Should().Be(ExitCodes.Ok, placed.ToString());
        var orderId = OrderIdIn(placed.Output);
        placed.Output.Should().Contain("total 25.50 EUR");
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.AwaitingRestaurant));

        var status = await fixture.RunAsync("order", "status", orderId);

        status.ExitCode.Should().Be(ExitCodes.Ok, status.ToString());
        status.Output.Should().Contain(orderId)
            .And.Contain("PENDING")
            .And.Contain("AwaitingRestaurant")
            .And.Contain("item-margherita x2, item-tiramisu x1")
            .And.Contain("25.50 EUR")
            .And.Contain("record-order, reserve-items, authorize-payment");
    }

    [Fact]
    public async Task OrderPlace_SameRequestIdTwice_ReturnsTheSameOrder()
    {
        string[] place =
        [
            "order", "place", "--customer", "cust-cli-repeat", "--restaurant", "rest-pizzeria", "--item", "item-diavola:1",
            "--address", Address, "--payment-token", "tok_visa", "--request-id", "checkout-42",
        ];

        var first = await fixture.RunAsync(place);
        var second = await fixture.RunAsync(place);

        first.ExitCode.Should().Be(ExitCodes.Ok, first.ToString());
        second.ExitCode.Should().Be(ExitCodes.Ok, second.ToString());
        OrderIdIn(second.Output).Should().Be(OrderIdIn(first.Output)).And.Be(WireNames.OrderIdFor("cust-cli-repeat", "checkout-42"));
        second.Output.Should().Contain("already placed");
    }

    [Fact]
    public async Task OrderPlace_InvalidField_PrintsStatusAndFieldViolationAndExitsOne()
    {
        var run = await fixture.RunAsync(
            "order", "place", "--customer", "cust with spaces", "--restaurant", "rest-pizzeria", "--item", "item-margherita:1",
            "--address", Address, "--payment-token", "tok_visa");

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Output.Should().Contain("error: INVALID_ARGUMENT")
            .And.Contain("reason: INVALID_ARGUMENT")
            .And.Contain("field customer_id: must not contain spaces or control characters");
    }

    [Fact]
    public async Task OrderStatus_UnknownOrder_PrintsNotFoundWithItsReason()
    {
        var run = await fixture.RunAsync("order", "status", "ord-00000000000000000000");

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Output.Should().Contain("error: NOT_FOUND").And.Contain("reason: NOT_FOUND").And.Contain("ord-00000000000000000000");
    }

    [Fact]
    public async Task OrderCancel_WhileAwaitingRestaurant_EndsCancelledAndListShowsIt()
    {
        var orderId = await PlaceAsync("cust-cli-cancel");
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.AwaitingRestaurant));

        var cancel = await fixture.RunAsync("order", "cancel", orderId, "--reason", "changed my mind");
        var list = await fixture.RunAsync("order", "list", "--customer", "cust-cli-cancel");

        cancel.ExitCode.Should().Be(ExitCodes.Ok, cancel.ToString());
        cancel.Output.Should().Contain("CANCELLED").And.Contain("Cancelled (ended)").And.Contain("release-items");
        list.ExitCode.Should().Be(ExitCodes.Ok, list.ToString());
        list.Output.Should().Contain(orderId).And.Contain("CANCELLED");
    }

    [Fact]
    public async Task OperatorRetry_OrderNotInNeedsAttention_PrintsTheRefusalReason()
    {
        var orderId = await PlaceAsync("cust-cli-operator");
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.AwaitingRestaurant));

        var run = await fixture.RunAsync("operator", "retry", orderId);

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Output.Should().Contain("error: FAILED_PRECONDITION").And.Contain("reason:");
    }

    [Fact]
    public async Task RestaurantReject_WithReason_EndsRejectedWithThatReason()
    {
        var orderId = await PlaceAsync("cust-cli-reject");
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.AwaitingRestaurant));

        var reject = await fixture.RunAsync("restaurant", "reject", orderId, "--restaurant", "rest-pizzeria", "--reason", "oven broken");
        var ended = await fixture.WaitForAsync(orderId, v => v.Saga?.Finished == true, "the end");

        reject.ExitCode.Should().Be(ExitCodes.Ok, reject.ToString());
        ended.Saga.State.Should().Be(nameof(SagaState.Rejected));
        ended.Saga.OutcomeReason.Should().Contain("oven broken");
    }

    [Fact]
    public async Task OrderWatch_WhileTheCliPlaysRestaurantAndCourier_FollowsTheStepsUntilDelivered()
    {
        var orderId = await PlaceAsync("cust-cli-watch");
        var watch = fixture.RunAsync("order", "watch", orderId);

        await DeliverThroughCliAsync(orderId);
        var watched = await watch.WaitAsync(StackFixture.Patience);

        watched.ExitCode.Should().Be(ExitCodes.Ok, watched.ToString());
        watched.Output.Should().Contain("AwaitingRestaurant").And.Contain("PickedUp").And.Contain($"order {orderId} ended: Delivered");
    }

    [Fact]
    public async Task OrderWatch_OnATerminal_DrawsTheStepsTableWithTheCompensations()
    {
        var orderId = await PlaceAsync("cust-cli-watch-terminal");
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.AwaitingRestaurant));
        (await fixture.RunAsync("order", "cancel", orderId, "--reason", "too slow")).ExitCode.Should().Be(ExitCodes.Ok);

        var watched = await CliRun.RunInteractiveAsync(["order", "watch", orderId, .. fixture.Target]);

        watched.ExitCode.Should().Be(ExitCodes.Ok, watched.ToString());
        watched.Output.Should().Contain($"order {orderId}")
            .And.Contain("reserve-items")
            .And.Contain("undo release-items")
            .And.Contain("saga Cancelled (ended), order CANCELLED")
            .And.Contain($"order {orderId} ended: Cancelled");
    }

    [Fact]
    public async Task OrderWatch_CtrlC_StopsQuietlyWithExit130()
    {
        var orderId = await PlaceAsync("cust-cli-watch-stopped");
        using var ctrlC = new CancellationTokenSource();
        await ctrlC.CancelAsync();

        var watched = await CliRun.RunAsync(ctrlC.Token, ["order", "watch", orderId, .. fixture.Target]);

        watched.ExitCode.Should().Be(ExitCodes.Interrupted, watched.ToString());
        watched.Output.Should().Contain("stopped").And.NotContain("error");
    }

    [Fact]
    public async Task HistoryExport_DeliveredOrder_WritesJsonThatReplaysAgainstTheSaga()
    {
        var orderId = await PlaceAsync("cust-cli-history");
        await DeliverThroughCliAsync(orderId);
        await fixture.WaitForAsync(orderId, v => v.Saga?.Finished == true, "the end");
        var file = Path.Combine(Directory.CreateTempSubdirectory("fooddelivery-cli-history-").FullName, "delivered.json");

        var export = await fixture.RunAsync("history", "export", orderId, "--out", file);

        export.ExitCode.Should().Be(ExitCodes.Ok, export.ToString());
        export.Output.Should().Contain($"to {file}").And.NotContain("still running");
        var json = await File.ReadAllTextAsync(file);
        json.Should().StartWith("{\n  \"events\": [");
        var history = WorkflowHistory.FromJson(WireNames.WorkflowIdFor(orderId), json);
        // The export holds the payloads encrypted, as stored: the replayer needs the stack's keys.
        var replayer = new WorkflowReplayer(
            new WorkflowReplayerOptions { DataConverter = fixture.Stack.Client.Options.DataConverter }.AddWorkflow<OrderSagaWorkflow>());
        var replay = await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        replay.ReplayFailure.Should().BeNull();
        history.Events.Should().HaveCountGreaterThan(20);
    }

    [Fact]
    public async Task HistoryExport_UnknownOrder_SaysThereIsNoSaga()
    {
        var run = await fixture.RunAsync("history", "export", "ord-00000000000000000000");

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Output.Should().Contain("no saga for order ord-00000000000000000000").And.Contain("order-ord-00000000000000000000");
    }

    [Fact]
    public async Task Audit_StackData_IsCleanAndExitsZero()
    {
        var orderId = await PlaceAsync("cust-cli-audit");
        await DeliverThroughCliAsync(orderId);
        await fixture.WaitForAsync(orderId, v => v.Saga?.Finished == true, "the end");

        var run = await fixture.RunAsync("audit", "--data", fixture.Stack.DataDirectory);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Output.Should().Contain("audit clean");
    }

    private async Task<string> PlaceAsync(string customer)
    {
        var placed = await fixture.RunAsync(
            "order", "place", "--customer", customer, "--restaurant", "rest-pizzeria", "--item", "item-margherita:1",
            "--address", Address, "--payment-token", "tok_visa");
        placed.ExitCode.Should().Be(ExitCodes.Ok, placed.ToString());
        return OrderIdIn(placed.Output);
    }

    /// <summary>Restaurant accepts, the assigned courier picks up and delivers: each step one CLI command.</summary>
    private async Task DeliverThroughCliAsync(string orderId)
    {
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.AwaitingRestaurant));
        (await fixture.RunAsync("restaurant", "accept", orderId, "--restaurant", "rest-pizzeria")).ExitCode.Should().Be(ExitCodes.Ok);
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.Confirmed));
        var courier = await fixture.AssignedCourierAsync(orderId);
        (await fixture.RunAsync("courier", "pickup", orderId, "--courier", courier)).ExitCode.Should().Be(ExitCodes.Ok);
        await fixture.WaitForStateAsync(orderId, nameof(SagaState.PickedUp));
        (await fixture.RunAsync("courier", "deliver", orderId, "--courier", courier)).ExitCode.Should().Be(ExitCodes.Ok);
    }

    private static string OrderIdIn(string output) => OrderId().Match(output) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException($"no order id in:\n{output}");

    [GeneratedRegex("ord-[0-9a-f]{20}")]
    private static partial Regex OrderId();
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Workflows.Tests.Scenarios;

/// <summary>WatchOrder streams the order's view on every change of the saga and completes when the saga ends.</summary>
public sealed class WatchOrderTests : IAsyncLifetime
{
    private SagaEnvironment _environment = null!;
    private SagaDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _environment = await SagaEnvironment.StartAsync();
        _driver = new SagaDriver(_environment);
    }

    public async Task DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task WatchOrder_SagaRunsToDelivered_StreamsEachStateAndCompletesAtTheEnd()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);

        // The stream drives the order: the restaurant and the courier act on what it shows, as a client app would.
        using var watch = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var call = _environment.Ordering.WatchOrder(new WatchOrderRequest { OrderId = orderId }, cancellationToken: watch.Token);
        var streamed = new List<OrderView>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        while (await call.ResponseStream.MoveNext(watch.Token))
        {
            var view = call.ResponseStream.Current;
            streamed.Add(view);
            await ReportAsync(orderId, view.Saga, reported);
        }

        streamed.Should().NotBeEmpty();
        streamed.Should().OnlyContain(v => v.OrderId == orderId);
        streamed[0].Saga.State.Should().Be(nameof(SagaState.AwaitingRestaurant));
        var states = streamed.Select(v => v.Saga.State).Distinct().ToList();
        states.Should().ContainInOrder(
            nameof(SagaState.AwaitingRestaurant), nameof(SagaState.Confirmed), nameof(SagaState.PickedUp), nameof(SagaState.Delivered));
        streamed.Zip(streamed.Skip(1)).Should().OnlyContain(pair => !pair.First.Equals(pair.Second), "only changes are streamed");
        streamed.Take(streamed.Count - 1).Should().OnlyContain(v => !v.Saga.Finished, "the stream ends with the first finished view");
        var last = streamed[^1];
        last.Saga.Finished.Should().BeTrue();
        last.Saga.State.Should().Be(nameof(SagaState.Delivered));
        last.Order.Status.Should().Be(OrderStatus.Delivered);
        streamed.Select(v => v.Order?.Status).OfType<OrderStatus>().Distinct().Should().ContainInOrder(
            OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.PickedUp, OrderStatus.Delivered);
        (await _driver.ResultAsync(orderId)).FinalState.Should().Be(SagaState.Delivered);

        // Watching an order that has ended: one view, then the stream completes.
        var afterEnd = await ReadAllAsync(orderId, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        afterEnd.Should().ContainSingle().Which.Should().Be(last);

        (await _driver.OrderRecordAsync(orderId)).Status.Should().Be(OrderStatus.Delivered);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(1);
    }

    /// <summary>Accept, pickup and delivery, each once, when the streamed view shows the saga waiting for it.</summary>
    private async Task ReportAsync(string orderId, SagaStatus saga, HashSet<string> reported)
    {
        if (!reported.Add(saga.State))
        {
            return;
        }

        switch (saga.State)
        {
            case nameof(SagaState.AwaitingRestaurant):
                await _environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = SagaDriver.Pizzeria });
                break;
            case nameof(SagaState.Confirmed):
                var courier = (await ScenarioProbes.AssignmentAsync(_environment, orderId)).CourierId;
                await _environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
                break;
            case nameof(SagaState.PickedUp):
                var carrier = (await ScenarioProbes.AssignmentAsync(_environment, orderId)).CourierId;
                await _environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = carrier });
                break;
            default:
                reported.Remove(saga.State);
                break;
        }
    }

    [Fact]
    public async Task GetOrderView_SagaEndedAndNoWorkerRunning_AnswersTheFinalStatusFromTheResult()
    {
        var orderId = await _driver.PlaceAsync(SagaDriver.NewOrder());
        await _driver.WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
        var result = await _driver.DeliverAsync(orderId);
        result.FinalStatus.Should().NotBeNull("the saga's result carries its final status");

        // A query would need a worker to replay the closed run; the view of an ended order must not.
        await _environment.StopWorkerAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var view = await _environment.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId }, cancellationToken: deadline.Token);
        var again = await _environment.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId }, cancellationToken: deadline.Token);

        view.Saga.Finished.Should().BeTrue();
        view.Saga.State.Should().Be(nameof(SagaState.Delivered));
        view.Saga.StepsDone.Should().Equal(result.FinalStatus!.StepsDone);
        view.Saga.CourierId.Should().Be(result.FinalStatus.CourierId).And.NotBeEmpty();
        view.Order.Status.Should().Be(OrderStatus.Delivered);
        again.Should().Be(view);
    }

    [Fact]
    public async Task WatchOrder_UnknownOrder_NotFound()
    {
        var refused = await FluentActions.Awaiting(() => ReadAllAsync("ord-00000000000000000000", CancellationToken.None))
            .Should().ThrowAsync<RpcException>();

        refused.Which.StatusCode.Should().Be(StatusCode.NotFound);
        refused.Which.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason.Should().Be(ErrorReasons.NotFound);
        var audit = await _environment.AuditAsync();
        audit.IsClean.Should().BeTrue(audit.ToString());
        audit.OrdersChecked.Should().Be(0);
    }

    private async Task<List<OrderView>> ReadAllAsync(string orderId, CancellationToken cancellation)
    {
        using var call = _environment.Ordering.WatchOrder(new WatchOrderRequest { OrderId = orderId }, cancellationToken: cancellation);
        var views = new List<OrderView>();
        while (await call.ResponseStream.MoveNext(cancellation))
        {
            views.Add(call.ResponseStream.Current);
        }

        return views;
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static FoodDelivery.Order.Tests.RpcAssertions;
using OrderMessage = FoodDelivery.Contracts.Order.V1.Order;

namespace FoodDelivery.Order.Tests;

public sealed class TransitionOrderTests : IAsyncLifetime
{
    private const string OrderId = "order-1";
    private readonly OrderServiceFixture _service = new();

    public async Task InitializeAsync()
    {
        await _service.InitializeAsync();
        await _service.Client.CreateOrderAsync(OrderRequests.Create(OrderId));
    }

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task TransitionOrder_HappyPath_RecordsEveryStepWithItsTimeAndReason()
    {
        var created = _service.Clock.GetUtcNow();
        OrderMessage order = null!;
        foreach (var (to, reason) in new[]
        {
            (OrderStatus.Confirmed, "paid and accepted"),
            (OrderStatus.PickedUp, "courier picked up"),
            (OrderStatus.Delivered, "courier delivered"),
        })
        {
            _service.Clock.Advance(TimeSpan.FromMinutes(10));
            order = await _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, to, reason: reason));
            order.Status.Should().Be(to);
            order.UpdatedAt.ToDateTimeOffset().Should().Be(_service.Clock.GetUtcNow());
        }

        order.CreatedAt.ToDateTimeOffset().Should().Be(created);
        order.History.Select(c => (c.From, c.To, c.Reason, c.At.ToDateTimeOffset())).Should().Equal(
            (OrderStatus.Unspecified, OrderStatus.Pending, "order created", created),
            (OrderStatus.Pending, OrderStatus.Confirmed, "paid and accepted", created.AddMinutes(10)),
            (OrderStatus.Confirmed, OrderStatus.PickedUp, "courier picked up", created.AddMinutes(20)),
            (OrderStatus.PickedUp, OrderStatus.Delivered, "courier delivered", created.AddMinutes(30)));
        (await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = OrderId })).Should().Be(order);
    }

    [Fact]
    public async Task TransitionOrder_RepeatedUnderAnotherKey_ReturnsOrderUnchangedWithOneStatusChange()
    {
        var first = await _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, OrderStatus.Cancelled, key: "cancel-a"));
        _service.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await _service.Client.TransitionOrderAsync(
            OrderRequests.Transition(OrderId, OrderStatus.Cancelled, key: "cancel-b", reason: "asked again"));

        second.Should().Be(first);
        (await StatusChangeCountAsync()).Should().Be(2);
        (await VersionAsync()).Should().Be(1);
    }

    [Fact]
    public async Task TransitionOrder_SameKeyRepeatedAfterLaterChanges_ReplaysTheFirstResponse()
    {
        var confirm = OrderRequests.Transition(OrderId, OrderStatus.Confirmed);
        var confirmed = await _service.Client.TransitionOrderAsync(confirm);
        await _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, OrderStatus.PickedUp));

        var replayed = await _service.Client.TransitionOrderAsync(confirm);

        replayed.Should().Be(confirmed);
        (await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = OrderId })).Status.Should().Be(OrderStatus.PickedUp);
        (await StatusChangeCountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task TransitionOrder_KeyReusedForAnotherTransition_FailsWithIdempotencyKeyReusedAndChangesNothing()
    {
        await _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, OrderStatus.Confirmed, key: "step"));

        var (code, info, _) = await RefusalOf(() => _service.Client.TransitionOrderAsync(
            OrderRequests.Transition(OrderId, OrderStatus.Cancelled, key: "step")).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.IdempotencyKeyReused);
        (await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = OrderId })).Status.Should().Be(OrderStatus.Confirmed);
        (await StatusChangeCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task TransitionOrder_CloseUnknownOrder_LeavesTombstoneThatRefusesLateCreate()
    {
        var closed = await _service.Client.TransitionOrderAsync(
            OrderRequests.Transition("never-recorded", OrderStatus.Rejected, reason: "record-order timed out"));

        closed.Status.Should().Be(OrderStatus.Rejected);
        closed.Lines.Should().BeEmpty();
        var (code, info, _) = await RefusalOf(() => _service.Client.CreateOrderAsync(OrderRequests.Create("never-recorded")).ResponseAsync);
        code.Should().Be(StatusCode.FailedPrecondition);
        info.Reason.Should().Be(ErrorReasons.AlreadyExists);
        var order = await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = "never-recorded" });
        order.Status.Should().Be(OrderStatus.Rejected);
        order.History.Should().ContainSingle().Which.Reason.Should().Contain("closed before it was recorded");
    }

    [Fact]
    public async Task TransitionOrder_UnknownOrder_FailsWithNotFound()
    {
        var (code, info, _) = await RefusalOf(() => _service.Client.TransitionOrderAsync(
            OrderRequests.Transition("missing", OrderStatus.Confirmed)).ResponseAsync);

        code.Should().Be(StatusCode.NotFound);
        info.Reason.Should().Be(ErrorReasons.NotFound);
        info.Metadata["id"].Should().Be("missing");
    }

    [Theory]
    [InlineData(OrderStatus.Unspecified)]
    [InlineData((OrderStatus)42)]
    public async Task TransitionOrder_ToIsNotAStatus_FailsWithInvalidArgumentOnToAndWritesNothing(OrderStatus to)
    {
        var (code, _, badRequest) = await RefusalOf(
            () => _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, to)).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        badRequest.Fields().Should().Equal("to");
        (await StatusChangeCountAsync()).Should().Be(1);
        (await IdempotencyRecordCountAsync()).Should().Be(1, "only the creation's key is stored");
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.NeedsAttention)]
    public async Task TransitionOrder_UnhappyStatusWithoutReason_FailsWithInvalidArgumentOnReason(OrderStatus to)
    {
        var (code, info, badRequest) = await RefusalOf(
            () => _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, to, reason: " ")).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.InvalidArgument);
        badRequest.Fields().Should().Equal("reason");
        (await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = OrderId })).Status.Should().Be(OrderStatus.Pending);
        (await StatusChangeCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task TransitionOrder_ConfirmWithoutReason_IsAccepted()
    {
        var order = await _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, OrderStatus.Confirmed, reason: ""));

        order.History[^1].Reason.Should().BeEmpty();
    }

    [Fact]
    public async Task TransitionOrder_IllegalTransitionRepeatedWithSameKey_ReplaysTheRefusal()
    {
        await _service.Client.TransitionOrderAsync(OrderRequests.Transition(OrderId, OrderStatus.Rejected));
        var deliver = OrderRequests.Transition(OrderId, OrderStatus.Delivered);

        var first = await RefusalOf(() => _service.Client.TransitionOrderAsync(deliver).ResponseAsync);
        var second = await RefusalOf(() => _service.Client.TransitionOrderAsync(deliver).ResponseAsync);

        first.Info.Reason.Should().Be(ErrorReasons.IllegalTransition);
        second.Should().BeEquivalentTo(first);
        (await StatusChangeCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task TransitionOrder_FirstAttemptFailsTransiently_RetryWithSameKeyRecordsOneStatusChange()
    {
        var confirm = OrderRequests.Transition(OrderId, OrderStatus.Confirmed);
        _service.Faults.FailFirstAttempts(confirm.IdempotencyKey, 1);

        var ex = await FluentActions.Awaiting(() => _service.Client.TransitionOrderAsync(confirm).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        ex.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        (await StatusChangeCountAsync()).Should().Be(1);

        var order = await _service.Client.TransitionOrderAsync(confirm);

        order.Status.Should().Be(OrderStatus.Confirmed);
        (await _service.Client.TransitionOrderAsync(confirm)).Should().Be(order);
        (await StatusChangeCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task TransitionOrder_ConfirmAndCancelRacing_ExactlyOneLeavesPendingAndHistoryIsConsistent()
    {
        var targets = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? OrderStatus.Confirmed : OrderStatus.Cancelled).ToList();
        var calls = targets.Select((to, i) => Attempt(OrderRequests.Transition(OrderId, to, key: $"race-{i}", reason: "race"))).ToList();

        var outcomes = await Task.WhenAll(calls);

        var order = await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = OrderId });
        var history = order.History;

        // Exactly one transition left PENDING; every other entry continues from where the previous one ended.
        history.Count(c => c.From == OrderStatus.Pending).Should().Be(1);
        history[0].To.Should().Be(OrderStatus.Pending);
        history.Zip(history.Skip(1)).Should().OnlyContain(pair => pair.Second.From == pair.First.To);
        history[^1].To.Should().Be(order.Status);
        history.Select(c => c.To).Should().OnlyHaveUniqueItems("a status already reached is never recorded twice");
        var winner = history[1].To;
        if (winner == OrderStatus.Cancelled)
        {
            history.Should().HaveCount(2, "CANCELLED is terminal, so every confirmation lost");
        }
        else
        {
            // CONFIRMED won; a cancellation after it is a legal second step (CONFIRMED -> CANCELLED).
            history.Select(c => c.To).Should().BeSubsetOf([OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Cancelled]);
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Order is { } answer)
            {
                answer.Status.Should().Be(targets[i], "a success answers with the status asked for");
            }
            else
            {
                outcomes[i].Code.Should().Be(StatusCode.FailedPrecondition);
                outcomes[i].Reason.Should().Be(ErrorReasons.IllegalTransition);
                targets[i].Should().Be(OrderStatus.Confirmed, "only a confirmation can arrive too late (after a cancellation)");
            }
        }

        (await StatusChangeCountAsync()).Should().Be(history.Count);
        (await VersionAsync()).Should().Be(history.Count - 1, "each recorded transition updated the order row once");
    }

    private async Task<(OrderMessage? Order, StatusCode Code, string? Reason)> Attempt(TransitionOrderRequest request)
    {
        try
        {
            return (await _service.Client.TransitionOrderAsync(request), StatusCode.OK, null);
        }
        catch (RpcException ex)
        {
            return (null, ex.StatusCode, ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
        }
    }

    private Task<int> StatusChangeCountAsync() =>
        _service.ReadDatabaseAsync(db => db.StatusChanges.CountAsync(c => c.OrderId == OrderId));

    private Task<int> IdempotencyRecordCountAsync() => _service.ReadDatabaseAsync(db => db.IdempotencyRecords.CountAsync());

    private Task<long> VersionAsync() =>
        _service.ReadDatabaseAsync(db => db.Orders.Where(o => o.OrderId == OrderId).Select(o => o.Version).SingleAsync());
}

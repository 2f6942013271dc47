using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static FoodDelivery.Order.Tests.RpcAssertions;

namespace FoodDelivery.Order.Tests;

public sealed class CreateOrderTests : IAsyncLifetime
{
    private readonly OrderServiceFixture _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task CreateOrder_ValidRequest_RecordsPendingOrderWithComputedTotalAndFirstStatusChange()
    {
        var request = OrderRequests.Create("order-1");

        var order = await _service.Client.CreateOrderAsync(request);

        order.OrderId.Should().Be("order-1");
        order.CustomerId.Should().Be("customer-1");
        order.RestaurantId.Should().Be("restaurant-1");
        order.Status.Should().Be(OrderStatus.Pending);
        order.Total.Should().Be(new Money { AmountMinor = (2 * 850) + 450, Currency = "EUR" });
        order.Lines.Should().Equal(request.Lines);
        order.DeliveryAddress.Should().Be(request.DeliveryAddress);
        order.CreatedAt.ToDateTimeOffset().Should().Be(_service.Clock.GetUtcNow());
        order.UpdatedAt.Should().Be(order.CreatedAt);
        order.History.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            From = OrderStatus.Unspecified,
            To = OrderStatus.Pending,
            At = order.CreatedAt,
        });

        var stored = await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" });
        stored.Should().Be(order);
    }

    [Fact]
    public async Task CreateOrder_SameKeyRepeated_ReturnsSameResponseAndRecordsOneOrder()
    {
        var request = OrderRequests.Create("order-1");

        var first = await _service.Client.CreateOrderAsync(request);
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _service.Client.CreateOrderAsync(request);

        second.Should().Be(first);
        (await CountsAsync()).Should().Be((1, 2, 1));
    }

    [Fact]
    public async Task CreateOrder_SameOrderIdAndPayloadUnderAnotherKey_ReturnsExistingOrder()
    {
        var first = await _service.Client.CreateOrderAsync(OrderRequests.Create("order-1", key: "key-a"));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await _service.Client.CreateOrderAsync(OrderRequests.Create("order-1", key: "key-b"));

        second.Should().Be(first);
        (await CountsAsync()).Should().Be((1, 2, 1));
    }

    [Fact]
    public async Task CreateOrder_SameOrderConcurrentlyUnderTenKeys_RecordsOneOrderAndAnswersItEverywhere()
    {
        var calls = Enumerable.Range(0, 10)
            .Select(i => _service.Client.CreateOrderAsync(OrderRequests.Create("order-1", key: $"key-{i}")).ResponseAsync);

        var answers = await Task.WhenAll(calls);

        answers.Should().AllBeEquivalentTo(answers[0]);
        (await CountsAsync()).Should().Be((1, 2, 1));
        (await _service.ReadDatabaseAsync(db => db.IdempotencyRecords.CountAsync())).Should().Be(10);
    }

    [Fact]
    public async Task CreateOrder_SameOrderIdWithOtherPayload_FailsWithAlreadyExistsAndChangesNothing()
    {
        var first = await _service.Client.CreateOrderAsync(OrderRequests.Create("order-1", key: "key-a"));
        var other = OrderRequests.Create("order-1", key: "key-b");
        other.Lines[0].Quantity = 3;

        var (code, info, _) = await RefusalOf(() => _service.Client.CreateOrderAsync(other).ResponseAsync);

        code.Should().Be(StatusCode.FailedPrecondition);
        info.Reason.Should().Be(ErrorReasons.AlreadyExists);
        info.Metadata["order_id"].Should().Be("order-1");
        (await _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" })).Should().Be(first);
        (await CountsAsync()).Should().Be((1, 2, 1));
    }

    [Fact]
    public async Task CreateOrder_KeyReusedWithOtherPayload_FailsWithIdempotencyKeyReusedAndChangesNothing()
    {
        await _service.Client.CreateOrderAsync(OrderRequests.Create("order-1", key: "shared-key"));

        var (code, info, _) = await RefusalOf(
            () => _service.Client.CreateOrderAsync(OrderRequests.Create("order-2", key: "shared-key")).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.IdempotencyKeyReused);
        (await CountsAsync()).Should().Be((1, 2, 1));
        (await _service.ReadDatabaseAsync(db => db.Orders.AnyAsync(o => o.OrderId == "order-2"))).Should().BeFalse();
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { "no idempotency key", "idempotency_key" },
        { "no order id", "order_id" },
        { "order id with a space", "order_id" },
        { "no customer", "customer_id" },
        { "no restaurant", "restaurant_id" },
        { "no lines", "lines" },
        { "101 lines", "lines" },
        { "item twice", "lines[1].item_id" },
        { "quantity 0", "lines[0].quantity" },
        { "quantity 101", "lines[0].quantity" },
        { "no item name", "lines[0].name" },
        { "price 0", "lines[0].unit_price.amount_minor" },
        { "negative price", "lines[0].unit_price.amount_minor" },
        { "no price", "lines[0].unit_price" },
        { "lowercase currency", "lines[0].unit_price.currency" },
        { "no address", "delivery_address" },
        { "no street", "delivery_address.street" },
        { "bad country", "delivery_address.country" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateOrder_InvalidRequest_FailsWithFieldViolationAndWritesNothing(string problem, string field)
    {
        var request = OrderRequests.Create("order-1");
        Break(request, problem);

        var (code, info, badRequest) = await RefusalOf(() => _service.Client.CreateOrderAsync(request).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.InvalidArgument);
        badRequest.Fields().Should().Contain(field);
        (await CountsAsync()).Should().Be((0, 0, 0));
        (await _service.ReadDatabaseAsync(db => db.IdempotencyRecords.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task CreateOrder_ManyProblems_NamesEveryBadField()
    {
        var request = new CreateOrderRequest { Lines = { OrderRequests.Line("a", "A", 0, 100) } };

        var (_, _, badRequest) = await RefusalOf(() => _service.Client.CreateOrderAsync(request).ResponseAsync);

        badRequest.Fields().Should().Contain(
            ["idempotency_key", "order_id", "customer_id", "restaurant_id", "lines[0].quantity", "delivery_address"]);
    }

    [Fact]
    public async Task CreateOrder_LinesInTwoCurrencies_FailsWithCurrencyMismatchAndWritesNothing()
    {
        var request = OrderRequests.Create("order-1");
        request.Lines.Add(OrderRequests.Line("cola", "Cola", 1, 300, currency: "USD"));

        var (code, info, badRequest) = await RefusalOf(() => _service.Client.CreateOrderAsync(request).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.CurrencyMismatch);
        badRequest.Fields().Should().Equal("lines[2].unit_price.currency");
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task CreateOrder_TotalBeyondInt64_FailsWithInvalidArgumentOnLines()
    {
        var request = OrderRequests.Create("order-1");
        request.Lines[0].UnitPrice.AmountMinor = long.MaxValue / 2;

        var (code, info, badRequest) = await RefusalOf(() => _service.Client.CreateOrderAsync(request).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.InvalidArgument);
        badRequest.Fields().Should().Equal("lines");
        (await CountsAsync()).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task CreateOrder_LargestTotalThatFits_IsComputedExactly()
    {
        var request = OrderRequests.Create("order-1");
        request.Lines.Clear();
        request.Lines.Add(OrderRequests.Line("gold", "Gold pizza", 1, long.MaxValue - 1));
        request.Lines.Add(OrderRequests.Line("napkin", "Napkin", 1, 1));

        var order = await _service.Client.CreateOrderAsync(request);

        order.Total.AmountMinor.Should().Be(long.MaxValue);
    }

    [Fact]
    public async Task CreateOrder_FirstAttemptsFailTransiently_RetryWithSameKeyRecordsOneOrder()
    {
        var request = OrderRequests.Create("order-1");
        _service.Faults.FailFirstAttempts(request.IdempotencyKey, 2);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var ex = await FluentActions.Awaiting(() => _service.Client.CreateOrderAsync(request).ResponseAsync)
                .Should().ThrowAsync<RpcException>();
            ex.Which.StatusCode.Should().Be(StatusCode.Unavailable);
            (await CountsAsync()).Should().Be((0, 0, 0));
        }

        var order = await _service.Client.CreateOrderAsync(request);
        var repeat = await _service.Client.CreateOrderAsync(request);

        order.Status.Should().Be(OrderStatus.Pending);
        repeat.Should().Be(order);
        (await CountsAsync()).Should().Be((1, 2, 1));
    }

    [Fact]
    public async Task GetOrder_UnknownOrder_FailsWithNotFound()
    {
        var (code, info, _) = await RefusalOf(
            () => _service.Client.GetOrderAsync(new GetOrderRequest { OrderId = "missing" }).ResponseAsync);

        code.Should().Be(StatusCode.NotFound);
        info.Reason.Should().Be(ErrorReasons.NotFound);
    }

    [Fact]
    public async Task GetOrder_NoOrderId_FailsWithInvalidArgument()
    {
        var (code, _, badRequest) = await RefusalOf(() => _service.Client.GetOrderAsync(new GetOrderRequest()).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        badRequest.Fields().Should().Equal("order_id");
    }

    private static void Break(CreateOrderRequest request, string problem)
    {
        switch (problem)
        {
            case "no idempotency key": request.IdempotencyKey = ""; break;
            case "no order id": request.OrderId = ""; break;
            case "order id with a space": request.OrderId = "order 1"; break;
            case "no customer": request.CustomerId = ""; break;
            case "no restaurant": request.RestaurantId = ""; break;
            case "no lines": request.Lines.Clear(); break;
            case "101 lines":
                request.Lines.Clear();
                request.Lines.AddRange(Enumerable.Range(0, 101).Select(i => OrderRequests.Line($"item-{i}", "Item", 1, 100)));
                break;
            case "item twice": request.Lines[1].ItemId = request.Lines[0].ItemId; break;
            case "quantity 0": request.Lines[0].Quantity = 0; break;
            case "quantity 101": request.Lines[0].Quantity = 101; break;
            case "no item name": request.Lines[0].Name = ""; break;
            case "price 0": request.Lines[0].UnitPrice.AmountMinor = 0; break;
            case "negative price": request.Lines[0].UnitPrice.AmountMinor = -1; break;
            case "no price": request.Lines[0].UnitPrice = null; break;
            case "lowercase currency": request.Lines[0].UnitPrice.Currency = "eur"; break;
            case "no address": request.DeliveryAddress = null; break;
            case "no street": request.DeliveryAddress.Street = " "; break;
            case "bad country": request.DeliveryAddress.Country = "Germany"; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown problem");
        }
    }

    private Task<(int Orders, int Lines, int StatusChanges)> CountsAsync() =>
        _service.ReadDatabaseAsync(async db => (
            await db.Orders.CountAsync(),
            await db.OrderLines.CountAsync(),
            await db.StatusChanges.CountAsync()));
}

using CsCheck;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FoodDelivery.Order.Tests.Fuzz;

/// <summary>
/// Bad and hostile input against every internal OrderService RPC on the real service and its SQLite file: boundary
/// quantities and prices, mismatched currencies, duplicate lines, unknown and hostile ids, statuses outside the enum,
/// page sizes and forged page tokens, idempotency keys reused with other payloads. Every answer is a clean refusal (or a
/// real success whose order reads back consistent), and a refusal writes nothing. A failure prints FUZZ_SEED and the
/// iteration that replays it.
/// </summary>
public sealed class OrderServiceFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Orders = ["order-pending", "order-confirmed", "order-cancelled", "order-new-1", "order-new-2"];
    private static readonly string[] Customers = ["customer-1", "customer-2"];
    private static readonly string[] Items = ["pizza-margherita", "tiramisu", "cola"];

    private readonly OrderServiceFixture _service = new();

    private OrderService.OrderServiceClient Client => _service.Client;

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task EveryRpc_HostileRequests_AreRefusedCleanlyOrTakeRealEffect()
    {
        var guard = await SeedAsync();

        var checkedCalls = await CallsProperty.RunAsync(
            "order: hostile requests", Calls(), guard, iterations: 1000, output, onSuccess: ShouldBeConsistentAsync);

        checkedCalls.Should().Be(1000);
    }

    [Fact]
    public async Task CreateOrder_KeyReusedWithAnotherPayload_IsRefusedAndWritesNothing()
    {
        var guard = await SeedAsync();
        var checkedPairs = await FuzzRunner.RunAsync(
            "order: key reused with another payload",
            Gen.Select(Gen.Int[0, 1_000_000], Hostile.Quantity, (n, quantity) => (N: n, Quantity: quantity)),
            iterations: 100,
            async pair =>
            {
                var first = OrderRequests.Create($"order-key-{pair.N}", key: $"reused-key-{pair.N}");
                (await guard.CheckAsync(Call("CreateOrder", first, r => Client.CreateOrderAsync(r).ResponseAsync))).Outcome.IsOk.Should().BeTrue();
                var second = first.Clone();
                second.Lines[0].Quantity = pair.Quantity == first.Lines[0].Quantity ? pair.Quantity + 1 : pair.Quantity;
                var reuse = await guard.CheckAsync(Call("CreateOrder", second, r => Client.CreateOrderAsync(r).ResponseAsync));
                reuse.Outcome.Code.Should().Be(StatusCode.InvalidArgument);
                reuse.Changes.Should().BeEmpty("a reused key changes nothing");
                if (second.Lines[0].Quantity is > 0 and <= 100)
                {
                    reuse.Outcome.Reason.Should().Be(ErrorReasons.IdempotencyKeyReused);
                }
            },
            pair => $"pair {pair}",
            output);
        checkedPairs.Should().Be(100);
    }

    private Gen<FuzzCall> Calls()
    {
        var orderId = Hostile.Id(Orders);
        var customerId = Hostile.Id(Customers);
        var reason = Gen.OneOf<string>(Gen.Const(""), Gen.Const("customer cancelled"), Hostile.Text);
        var line = Gen.Select(Hostile.Id(Items), Gen.OneOf<string>(Gen.Const("Pizza"), Hostile.Text), Hostile.Quantity, Hostile.Money,
            (item, name, quantity, price) => new OrderLine { ItemId = item, Name = name, Quantity = quantity, UnitPrice = price });
        var lines = Gen.Frequency<List<OrderLine>>(
            (1, Gen.Const(() => new List<OrderLine>())),
            (6, line.List[1, 4]),
            (2, line.Select(l => new List<OrderLine> { l, l.Clone() })),
            (1, line.List[101, 120]));
        var create = Gen.Select(Hostile.Key, orderId, customerId, Hostile.Id("restaurant-1"), lines, Hostile.Address,
            (key, order, customer, restaurant, orderLines, address) =>
            {
                var request = new CreateOrderRequest
                {
                    IdempotencyKey = key,
                    OrderId = order,
                    CustomerId = customer,
                    RestaurantId = restaurant,
                    DeliveryAddress = address,
                };
                request.Lines.AddRange(orderLines);
                return Call("CreateOrder", request, r => Client.CreateOrderAsync(r).ResponseAsync);
            });
        var status = Gen.Frequency<OrderStatus>((6, Gen.Int[0, 7].Select(s => (OrderStatus)s)), (1, Gen.OneOf(-1, 8, 99, int.MinValue, int.MaxValue).Select(s => (OrderStatus)s)));
        var transition = Gen.Select(Hostile.Key, orderId, status, reason, (key, order, to, why) =>
            Call("TransitionOrder", new TransitionOrderRequest { IdempotencyKey = key, OrderId = order, To = to, Reason = why },
                r => Client.TransitionOrderAsync(r).ResponseAsync));
        var get = orderId.Select(order =>
            Call("GetOrder", new GetOrderRequest { OrderId = order }, r => Client.GetOrderAsync(r).ResponseAsync, isRead: true));
        var list = Gen.Select(customerId, PageSize, PageToken, (customer, size, token) =>
            Call("ListOrders", new ListOrdersRequest { CustomerId = customer, PageSize = size, PageToken = token },
                r => Client.ListOrdersAsync(r).ResponseAsync, isRead: true));
        return Gen.Frequency<FuzzCall>((4, create), (3, transition), (1, get), (2, list));
    }

    /// <summary>Page sizes around the documented 1..100 (0 means 20).</summary>
    public static readonly Gen<int> PageSize = Gen.OneOf<int>(Gen.OneOf(int.MinValue, -1, 0, 1, 2, 20, 100, 101, int.MaxValue), Gen.Int);

    /// <summary>Page tokens: none, forged base64, bytes that are not base64, hostile strings.</summary>
    public static readonly Gen<string> PageToken = Gen.Frequency<string>(
        (2, Gen.Const("")),
        (2, Gen.Byte.Array[0, 80].Select(bytes => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'))),
        (2, Hostile.Text));

    private static FuzzCall Call<TRequest, TResponse>(string rpc, TRequest request, Func<TRequest, Task<TResponse>> send, bool isRead = false)
        where TRequest : IMessage => new(rpc, request, () => send(request), isRead);

    /// <summary>A pending, a confirmed and a cancelled order for the fuzzed calls to meet.</summary>
    private async Task<WriteGuard> SeedAsync()
    {
        await Client.CreateOrderAsync(OrderRequests.Create("order-pending"));
        await Client.CreateOrderAsync(OrderRequests.Create("order-confirmed"));
        await Client.TransitionOrderAsync(OrderRequests.Transition("order-confirmed", OrderStatus.Confirmed));
        await Client.CreateOrderAsync(OrderRequests.Create("order-cancelled", customerId: "customer-2"));
        await Client.TransitionOrderAsync(OrderRequests.Transition("order-cancelled", OrderStatus.Cancelled));
        var connectionString = await _service.ReadDatabaseAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        return new WriteGuard(new SqliteTableCounts(connectionString));
    }

    /// <summary>After a success that wrote, the order reads back: its total adds up and its history ends in its status.</summary>
    private async Task ShouldBeConsistentAsync(FuzzCall call, GuardedOutcome result)
    {
        if (call.IsRead)
        {
            return;
        }

        var request = call.WireRequest;
        var orderId = (string)request.Descriptor.FindFieldByName("order_id").Accessor.GetValue(request);
        var order = await Client.GetOrderAsync(new GetOrderRequest { OrderId = orderId });
        order.OrderId.Should().Be(orderId);
        order.History.Should().NotBeEmpty().And.Subject.Last().To.Should().Be(order.Status);
        if (order.Lines.Count == 0)
        {
            // A tombstone: closed before it was ever recorded (a late CreateOrder is refused).
            order.Status.Should().BeOneOf(OrderStatus.Cancelled, OrderStatus.Rejected);
            return;
        }

        order.Total.AmountMinor.Should().Be(order.Lines.Sum(l => l.Quantity * l.UnitPrice.AmountMinor));
        order.Lines.Should().AllSatisfy(l => l.UnitPrice.Currency.Should().Be(order.Total.Currency));
        if (request is CreateOrderRequest create && result.Changes.ContainsKey("Orders"))
        {
            order.Lines.Should().Equal(create.Lines);
            order.Status.Should().Be(OrderStatus.Pending);
        }
    }
}

using CsCheck;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FoodDelivery.Restaurant.Tests.Fuzz;

/// <summary>
/// Bad and hostile input against every RestaurantService RPC on the real service and its SQLite file: random and
/// mangled bytes, unknown restaurants and items, items of another restaurant, duplicate lines, zero, negative and huge
/// quantities, lists over the limit, hostile strings, idempotency keys reused with other payloads. Every answer is a
/// clean refusal (or a real success that keeps every item's stock balanced), and a refusal writes nothing. A failure
/// prints FUZZ_SEED and the iteration that replays it.
/// </summary>
public sealed class RestaurantFuzzTests(ITestOutputHelper output) : RestaurantTestBase
{
    private static readonly string[] Restaurants = [Pizzeria, "rest-sushi", "rest-burger"];

    // Pizzeria items, one inactive, and items of the other restaurants (wrong restaurant for a pizzeria order).
    private static readonly string[] Items =
    [
        "item-margherita", "item-diavola", "item-tiramisu", "item-truffle-pizza", "item-omakase", "item-fries", "item-miso-soup",
    ];

    private static readonly string[] Orders = ["order-held", "order-accepted", "order-released", "order-new-1", "order-new-2"];

    [Fact]
    public async Task EveryRpc_HostileRequests_AreRefusedCleanlyOrTakeRealEffect()
    {
        var guard = await SeedAsync();

        var checkedCalls = await CallsProperty.RunAsync(
            "restaurant: hostile requests", Calls(), guard, iterations: 1200, output, onSuccess: ShouldBeConsistentAsync);

        checkedCalls.Should().Be(1200);
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task EveryRpc_RandomOrMangledBytes_AreRefusedCleanlyAndWriteNothing()
    {
        var guard = await SeedAsync();
        using var channel = GrpcChannel.ForAddress(ServiceEndpoint.AddressOf(Service.Services));
        var samples = new Dictionary<string, IMessage[]>
        {
            ["GetMenu"] = [new GetMenuRequest { RestaurantId = Pizzeria }],
            ["GetReservation"] = [new GetReservationRequest { OrderId = "order-held" }],
            ["ReserveItems"] = [ReserveRequest("order-new-1", ("item-margherita", 2), ("item-tiramisu", 1))],
            ["ReleaseItems"] = [new ReleaseItemsRequest { IdempotencyKey = "order-held:release", OrderId = "order-held", Reason = "test" }],
            ["AcceptTicket"] = [new AcceptTicketRequest { IdempotencyKey = "order-held:accept", OrderId = "order-held" }],
            ["RejectTicket"] = [new RejectTicketRequest { IdempotencyKey = "order-held:reject", OrderId = "order-held", Reason = "closed" }],
        };

        var checkedBodies = await RawBytesProperty.RunAsync(
            "restaurant: random bytes", channel, guard, RawGrpcCall.MethodsOf(RestaurantService.Descriptor), samples, iterations: 1000, output);

        checkedBodies.Should().Be(1000);
        await Service.AssertStockInvariantHoldsAsync();
    }

    [Fact]
    public async Task ReserveItems_KeyReusedWithOtherItems_IsRefusedAndWritesNothing()
    {
        var guard = await SeedAsync();
        var pairs = Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[1, 3], (n, extra) => (N: n, Extra: extra));
        var checkedPairs = await FuzzRunner.RunAsync(
            "restaurant: key reused with other items",
            pairs,
            iterations: 100,
            async pair =>
            {
                var first = ReserveRequest($"order-key-{pair.N}", $"reused-key-{pair.N}", Pizzeria, ("item-margherita", 1));
                await guard.CheckAsync(Call("ReserveItems", first, r => Client.ReserveItemsAsync(r).ResponseAsync));
                var second = first.Clone();
                second.Items[0].Quantity += pair.Extra;
                var reuse = await guard.CheckAsync(Call("ReserveItems", second, r => Client.ReserveItemsAsync(r).ResponseAsync));
                reuse.Outcome.Code.Should().Be(StatusCode.InvalidArgument);
                reuse.Outcome.Reason.Should().Be(ErrorReasons.IdempotencyKeyReused);
                reuse.Changes.Should().BeEmpty("a reused key changes nothing");
            },
            pair => $"pair {pair}",
            output);
        checkedPairs.Should().Be(100);
    }

    private Gen<FuzzCall> Calls()
    {
        var orderId = Hostile.Id(Orders);
        var reason = Gen.OneOf<string>(Gen.Const(""), Gen.Const("kitchen closed"), Hostile.Text);
        var reserve = Gen.Select(Hostile.Key, orderId, Hostile.Id(Restaurants), Hostile.Items(Items), (key, order, restaurant, items) =>
        {
            var request = new ReserveItemsRequest { IdempotencyKey = key, OrderId = order, RestaurantId = restaurant };
            request.Items.AddRange(items);
            return Call("ReserveItems", request, r => Client.ReserveItemsAsync(r).ResponseAsync);
        });
        var release = Gen.Select(Hostile.Key, orderId, reason, (key, order, why) =>
            Call("ReleaseItems", new ReleaseItemsRequest { IdempotencyKey = key, OrderId = order, Reason = why }, r => Client.ReleaseItemsAsync(r).ResponseAsync));
        var accept = Gen.Select(Hostile.Key, orderId, (key, order) =>
            Call("AcceptTicket", new AcceptTicketRequest { IdempotencyKey = key, OrderId = order }, r => Client.AcceptTicketAsync(r).ResponseAsync));
        var reject = Gen.Select(Hostile.Key, orderId, reason, (key, order, why) =>
            Call("RejectTicket", new RejectTicketRequest { IdempotencyKey = key, OrderId = order, Reason = why }, r => Client.RejectTicketAsync(r).ResponseAsync));
        var getMenu = Hostile.Id(Restaurants).Select(id =>
            Call("GetMenu", new GetMenuRequest { RestaurantId = id }, r => Client.GetMenuAsync(r).ResponseAsync, isRead: true));
        var getReservation = orderId.Select(id =>
            Call("GetReservation", new GetReservationRequest { OrderId = id }, r => Client.GetReservationAsync(r).ResponseAsync, isRead: true));
        var list = Gen.Const(0).Select(_ =>
            Call("ListRestaurants", new ListRestaurantsRequest(), r => Client.ListRestaurantsAsync(r).ResponseAsync, isRead: true));
        return Gen.Frequency<FuzzCall>((5, reserve), (2, release), (2, accept), (2, reject), (1, getMenu), (1, getReservation), (1, list));
    }

    private static FuzzCall Call<TRequest, TResponse>(string rpc, TRequest request, Func<TRequest, Task<TResponse>> send, bool isRead = false)
        where TRequest : IMessage => new(rpc, request, () => send(request), isRead);

    /// <summary>A held, an accepted and a released reservation for the fuzzed calls to meet.</summary>
    private async Task<WriteGuard> SeedAsync()
    {
        await ReserveAsync("order-held", ("item-margherita", 1));
        await ReserveAsync("order-accepted", ("item-diavola", 2));
        await AcceptAsync("order-accepted");
        await ReleaseAsync("order-released");
        var connectionString = await Service.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        return new WriteGuard(new SqliteTableCounts(connectionString));
    }

    /// <summary>After a success that wrote, the order's reservation reads back and every item's stock still balances.</summary>
    private async Task ShouldBeConsistentAsync(FuzzCall call, GuardedOutcome result)
    {
        if (call.IsRead)
        {
            return;
        }

        var request = call.WireRequest;
        var orderId = (string)request.Descriptor.FindFieldByName("order_id").Accessor.GetValue(request);
        var reservation = await Client.GetReservationAsync(new GetReservationRequest { OrderId = orderId });
        reservation.OrderId.Should().Be(orderId);
        if (request is ReserveItemsRequest reserve && result.Changes.ContainsKey("Reservations"))
        {
            reservation.Items.Select(i => (i.ItemId, i.Quantity)).Should().BeEquivalentTo(reserve.Items.Select(i => (i.ItemId, i.Quantity)));
            reservation.Status.Should().Be(ReservationStatus.Held);
        }

        await Service.AssertStockInvariantHoldsAsync();
    }
}

using CsCheck;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FoodDelivery.Delivery.Tests.Fuzz;

/// <summary>
/// Bad and hostile input against every DeliveryService RPC on the real service and its SQLite file: random and
/// mangled bytes, missing and malformed addresses, unknown orders and couriers, the wrong courier, reports out of
/// order, hostile strings, idempotency keys reused with other payloads. Every answer is a clean refusal (or a real
/// success that keeps every courier's load equal to its live assignments), and a refusal writes nothing. A failure
/// prints FUZZ_SEED and the iteration that replays it.
/// </summary>
public sealed class DeliveryFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>No courier free is a documented, retryable business answer of AssignCourier (nothing is stored for it).</summary>
    private static readonly (StatusCode, string) NoCourierFree = (StatusCode.ResourceExhausted, ErrorReasons.NoCourierAvailable);

    private static readonly string[] Orders = ["order-assigned", "order-picked-up", "order-cancelled", "order-new-1", "order-new-2"];
    private static readonly string[] Couriers = ["courier-1", "courier-2", "courier-3"];

    private DeliveryServiceFixture _service = null!;

    private DeliveryService.DeliveryServiceClient Client => _service.Client;

    public async Task InitializeAsync() => _service = await DeliveryServiceFixture.StartAsync(couriers: 3, capacity: 2);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task EveryRpc_HostileRequests_AreRefusedCleanlyOrTakeRealEffect()
    {
        var guard = await SeedAsync();

        var checkedCalls = await CallsProperty.RunAsync(
            "delivery: hostile requests", Calls(), guard, iterations: 1200, output, onSuccess: ShouldBeConsistentAsync, NoCourierFree);

        checkedCalls.Should().Be(1200);
        await _service.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task EveryRpc_RandomOrMangledBytes_AreRefusedCleanlyAndWriteNothing()
    {
        var guard = await SeedAsync();
        using var channel = GrpcChannel.ForAddress(_service.Service.Address);
        var samples = new Dictionary<string, IMessage[]>
        {
            ["GetAssignment"] = [new GetAssignmentRequest { OrderId = "order-assigned" }],
            ["AssignCourier"] = [Requests.Assign("order-new-1")],
            ["CancelAssignment"] = [Requests.Cancel("order-assigned")],
            ["ConfirmPickup"] = [Requests.Pickup("order-assigned", "courier-1")],
            ["ConfirmDelivered"] = [Requests.Delivered("order-picked-up", "courier-2")],
        };

        var checkedBodies = await RawBytesProperty.RunAsync(
            "delivery: random bytes", channel, guard, RawGrpcCall.MethodsOf(DeliveryService.Descriptor), samples, iterations: 800, output, NoCourierFree);

        checkedBodies.Should().Be(800);
        await _service.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_KeyReusedWithOtherAddress_IsRefusedAndWritesNothing()
    {
        var guard = await SeedAsync();
        var checkedPairs = await FuzzRunner.RunAsync(
            "delivery: key reused with another address",
            Gen.Int[0, 1_000_000],
            iterations: 150,
            async n =>
            {
                var first = Requests.Assign($"order-key-{n}", $"reused-key-{n}");
                await guard.CheckAsync(Call("AssignCourier", first, r => Client.AssignCourierAsync(r).ResponseAsync), NoCourierFree);
                var second = first.Clone();
                second.Dropoff.Street = $"Elsewhere {n}";
                var reuse = await guard.CheckAsync(Call("AssignCourier", second, r => Client.AssignCourierAsync(r).ResponseAsync), NoCourierFree);
                if (reuse.Outcome.Code == StatusCode.ResourceExhausted)
                {
                    // No courier was free for the first request, so nothing is stored under its key: the second is new.
                    return;
                }

                reuse.Outcome.Code.Should().Be(StatusCode.InvalidArgument);
                reuse.Outcome.Reason.Should().Be(ErrorReasons.IdempotencyKeyReused);
                reuse.Changes.Should().BeEmpty("a reused key changes nothing");
            },
            n => $"order-key-{n}",
            output);
        checkedPairs.Should().Be(150);
    }

    private Gen<FuzzCall> Calls()
    {
        var orderId = Hostile.Id(Orders);
        var courierId = Hostile.Id(Couriers);
        var reason = Gen.OneOf<string>(Gen.Const(""), Gen.Const("customer cancelled"), Hostile.Text);
        var assign = Gen.Select(Hostile.Key, orderId, Hostile.Address, Hostile.Address, (key, order, pickup, dropoff) =>
            Call("AssignCourier", new AssignCourierRequest { IdempotencyKey = key, OrderId = order, Pickup = pickup, Dropoff = dropoff },
                r => Client.AssignCourierAsync(r).ResponseAsync));
        var cancel = Gen.Select(Hostile.Key, orderId, reason, (key, order, why) =>
            Call("CancelAssignment", new CancelAssignmentRequest { IdempotencyKey = key, OrderId = order, Reason = why },
                r => Client.CancelAssignmentAsync(r).ResponseAsync));
        var pickup = Gen.Select(Hostile.Key, orderId, courierId, (key, order, courier) =>
            Call("ConfirmPickup", new ConfirmPickupRequest { IdempotencyKey = key, OrderId = order, CourierId = courier },
                r => Client.ConfirmPickupAsync(r).ResponseAsync));
        var delivered = Gen.Select(Hostile.Key, orderId, courierId, (key, order, courier) =>
            Call("ConfirmDelivered", new ConfirmDeliveredRequest { IdempotencyKey = key, OrderId = order, CourierId = courier },
                r => Client.ConfirmDeliveredAsync(r).ResponseAsync));
        var get = orderId.Select(order =>
            Call("GetAssignment", new GetAssignmentRequest { OrderId = order }, r => Client.GetAssignmentAsync(r).ResponseAsync, isRead: true));
        var list = Gen.Const(0).Select(_ =>
            Call("ListCouriers", new ListCouriersRequest(), r => Client.ListCouriersAsync(r).ResponseAsync, isRead: true));
        return Gen.Frequency<FuzzCall>((4, assign), (2, cancel), (2, pickup), (2, delivered), (1, get), (1, list));
    }

    private static FuzzCall Call<TRequest, TResponse>(string rpc, TRequest request, Func<TRequest, Task<TResponse>> send, bool isRead = false)
        where TRequest : IMessage => new(rpc, request, () => send(request), isRead);

    /// <summary>An assigned, a picked-up and a cancelled order for the fuzzed calls to meet.</summary>
    private async Task<WriteGuard> SeedAsync()
    {
        await Client.AssignCourierAsync(Requests.Assign("order-assigned"));
        var pickedUp = await Client.AssignCourierAsync(Requests.Assign("order-picked-up"));
        await Client.ConfirmPickupAsync(Requests.Pickup("order-picked-up", pickedUp.CourierId));
        await Client.CancelAssignmentAsync(Requests.Cancel("order-cancelled"));
        var connectionString = await _service.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        return new WriteGuard(new SqliteTableCounts(connectionString));
    }

    /// <summary>After a success that wrote, the order's assignment reads back and every courier's load still matches.</summary>
    private async Task ShouldBeConsistentAsync(FuzzCall call, GuardedOutcome result)
    {
        if (call.IsRead)
        {
            return;
        }

        var request = call.WireRequest;
        var orderId = (string)request.Descriptor.FindFieldByName("order_id").Accessor.GetValue(request);
        var assignment = await Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = orderId });
        assignment.OrderId.Should().Be(orderId);
        if (request is ConfirmPickupRequest or ConfirmDeliveredRequest)
        {
            assignment.CourierId.Should().Be((string)request.Descriptor.FindFieldByName("courier_id").Accessor.GetValue(request));
        }

        await _service.AssertCapacityInvariantAsync();
    }
}

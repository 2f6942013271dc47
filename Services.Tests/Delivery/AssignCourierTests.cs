using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Delivery.Tests;

public sealed class AssignCourierTests
{
    [Fact]
    public async Task AssignCourier_FreeCouriers_PicksMostFreeCapacityWithTiesById()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 2);

        var first = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        var second = await delivery.Client.AssignCourierAsync(Requests.Assign("order-2"));
        var third = await delivery.Client.AssignCourierAsync(Requests.Assign("order-3"));

        first.CourierId.Should().Be("courier-1", "both couriers are equally free, so the lower id wins");
        second.CourierId.Should().Be("courier-2", "courier-2 now has more free capacity");
        third.CourierId.Should().Be("courier-1");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(2);
        (await delivery.CourierAsync("courier-2")).ActiveAssignments.Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_HappyPath_ReturnsAssignedWithAddressesAndTimes()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();

        var assignment = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));

        assignment.OrderId.Should().Be("order-1");
        assignment.Status.Should().Be(AssignmentStatus.Assigned);
        assignment.Tombstone.Should().BeFalse();
        assignment.Pickup.Should().Be(Requests.PickupAddress());
        assignment.Dropoff.Should().Be(Requests.DropoffAddress());
        assignment.AssignedAt.Should().Be(Timestamp.FromDateTimeOffset(DeliveryServiceFixture.Start));
        assignment.UpdatedAt.Should().Be(assignment.AssignedAt);
        var stored = await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" });
        stored.Should().Be(assignment, "GetAssignment reads back what was stored");
    }

    [Fact]
    public async Task AssignCourier_SameKeyRepeated_ReturnsSameResponseWithOneEffect()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var request = Requests.Assign("order-1");

        var first = await delivery.Client.AssignCourierAsync(request);
        delivery.Time.Advance(TimeSpan.FromMinutes(1));
        var repeat = await delivery.Client.AssignCourierAsync(request);

        repeat.Should().Be(first);
        (await delivery.AssignmentCountAsync()).Should().Be(1);
        (await delivery.CourierAsync(first.CourierId)).ActiveAssignments.Should().Be(1);
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_SameOrderWithAnotherKey_ReturnsExistingAssignmentWithoutSecondCourier()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();

        var first = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1", key: "key-a"));
        var second = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1", key: "key-b"));

        second.Should().Be(first);
        (await delivery.AssignmentCountAsync()).Should().Be(1);
        var couriers = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());
        couriers.Couriers.Sum(c => c.ActiveAssignments).Should().Be(1, "one order takes one unit of one courier");
    }

    [Fact]
    public async Task AssignCourier_KeyReusedForAnotherOrder_IsRefusedAndChangesNothing()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1", key: "shared-key"));

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(Requests.Assign("order-2", key: "shared-key")).ResponseAsync,
            StatusCode.InvalidArgument,
            ErrorReasons.IdempotencyKeyReused);

        info.Metadata["idempotency_key"].Should().Be("shared-key");
        (await delivery.AssignmentCountAsync()).Should().Be(1);
        (await delivery.WithDbAsync(db => db.Assignments.AnyAsync(a => a.OrderId == "order-2"))).Should().BeFalse();
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_NoCourierFree_FailsRetryablyWithoutStoringTheRefusal()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(Requests.Assign("order-2")).ResponseAsync,
            StatusCode.ResourceExhausted,
            ErrorReasons.NoCourierAvailable);

        ErrorReasons.IsRetryable(info.Reason).Should().BeTrue();
        info.Metadata["order_id"].Should().Be("order-2");
        (await delivery.AssignmentCountAsync()).Should().Be(1);
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(1, "a retryable refusal is not stored under its key");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_RetryWithRefusedKeyAfterCancellation_AssignsFreedCourier()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        var refused = Requests.Assign("order-2", key: "order-2:assign");
        await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(refused).ResponseAsync,
            StatusCode.ResourceExhausted,
            ErrorReasons.NoCourierAvailable);

        var cancelled = await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1"));
        var retry = await delivery.Client.AssignCourierAsync(refused);

        cancelled.Cancelled.Should().BeTrue();
        retry.CourierId.Should().Be("courier-1", "the cancellation freed the only courier");
        retry.Status.Should().Be(AssignmentStatus.Assigned);
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1);
        (await delivery.Client.AssignCourierAsync(refused)).Should().Be(retry, "now the success is stored under the key");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_OnlyCourierOffShift_FailsNoCourierAvailable()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 3);
        await delivery.WithDbAsync(async db =>
        {
            var courier = await db.Couriers.SingleAsync();
            courier.OnShift = false;
            return await db.SaveChangesAsync();
        });

        await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(Requests.Assign("order-1")).ResponseAsync,
            StatusCode.ResourceExhausted,
            ErrorReasons.NoCourierAvailable);

        (await delivery.AssignmentCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AssignCourier_FirstAttemptsFailTransiently_RetryWithSameKeySucceedsWithOneEffect()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var request = Requests.Assign("order-1");
        delivery.Faults.FailFirstAttempts(request.IdempotencyKey, 2);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var failure = await FluentActions.Awaiting(() => delivery.Client.AssignCourierAsync(request).ResponseAsync)
                .Should().ThrowAsync<RpcException>();
            failure.Which.StatusCode.Should().Be(StatusCode.Unavailable);
            (await delivery.AssignmentCountAsync()).Should().Be(0, "an injected fault fails before any effect");
        }

        var assignment = await delivery.Client.AssignCourierAsync(request);

        assignment.Status.Should().Be(AssignmentStatus.Assigned);
        (await delivery.AssignmentCountAsync()).Should().Be(1);
        (await delivery.CourierAsync(assignment.CourierId)).ActiveAssignments.Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task GetAssignment_UnknownOrder_FailsNotFound()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-404" }).ResponseAsync,
            StatusCode.NotFound,
            ErrorReasons.NotFound);

        info.Metadata["id"].Should().Be("order-404");
    }

    [Fact]
    public async Task ListCouriers_SeededFromConfiguration_ReturnsEveryCourierOnShiftAndFree()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 3, capacity: 4);

        var response = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());

        response.Couriers.Select(c => c.CourierId).Should().Equal("courier-1", "courier-2", "courier-3");
        response.Couriers.Should().OnlyContain(c => c.Capacity == 4 && c.ActiveAssignments == 0 && c.OnShift);
        response.Couriers.Should().OnlyContain(c => !string.IsNullOrWhiteSpace(c.Name));
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Delivery.Tests;

public sealed class CancelAssignmentTests
{
    [Fact]
    public async Task CancelAssignment_Assigned_CancelsAndFreesTheCourier()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        delivery.Time.Advance(TimeSpan.FromMinutes(3));

        var response = await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1", reason: "payment failed"));

        response.Cancelled.Should().BeTrue();
        response.Assignment.Status.Should().Be(AssignmentStatus.Cancelled);
        response.Assignment.CourierId.Should().Be(assigned.CourierId, "the record keeps who was assigned");
        response.Assignment.Tombstone.Should().BeFalse();
        response.Assignment.UpdatedAt.Should().Be(Timestamp.FromDateTimeOffset(DeliveryServiceFixture.Start.AddMinutes(3)));
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(0);
        var reason = await delivery.WithDbAsync(db => db.Assignments.Select(a => a.CancellationReason).SingleAsync());
        reason.Should().Be("payment failed");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_SameKeyRepeated_ReturnsSameResponseAndFreesOnce()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 2);
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-2"));
        var cancel = Requests.Cancel("order-1");

        var first = await delivery.Client.CancelAssignmentAsync(cancel);
        var repeat = await delivery.Client.CancelAssignmentAsync(cancel);

        repeat.Should().Be(first);
        repeat.Cancelled.Should().BeTrue("the replay is the stored first answer");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1, "order-2 still holds its unit");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_AlreadyCancelledWithAnotherKey_IsNoOp()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 2);
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-2"));
        await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1", key: "cancel-a"));

        var second = await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1", key: "cancel-b"));

        second.Cancelled.Should().BeFalse("nothing was left to cancel");
        second.Assignment.Status.Should().Be(AssignmentStatus.Cancelled);
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1, "the unit is freed once, not twice");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_NothingAssigned_LeavesTombstone()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();

        var response = await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1"));

        response.Cancelled.Should().BeFalse();
        response.Assignment.Tombstone.Should().BeTrue();
        response.Assignment.Status.Should().Be(AssignmentStatus.Cancelled);
        response.Assignment.CourierId.Should().BeEmpty();
        response.Assignment.Pickup.Should().BeNull();
        response.Assignment.AssignedAt.Should().BeNull();
        var stored = await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" });
        stored.Should().Be(response.Assignment);
        var again = await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1", key: "another-key"));
        again.Cancelled.Should().BeFalse();
        (await delivery.AssignmentCountAsync()).Should().Be(1, "one tombstone, however many cancels");
    }

    [Fact]
    public async Task AssignCourier_AfterTombstone_RefusedAssignmentCancelledWithNoCapacityTaken()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 2);
        await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1"));
        var lateAssign = Requests.Assign("order-1");

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(lateAssign).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.AssignmentCancelled);

        info.Metadata["order_id"].Should().Be("order-1");
        var couriers = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());
        couriers.Couriers.Should().OnlyContain(c => c.ActiveAssignments == 0, "a dead order takes no courier");
        var assignment = await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" });
        assignment.Tombstone.Should().BeTrue();
        await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(lateAssign).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.AssignmentCancelled);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task AssignCourier_AfterCancellation_RefusedAssignmentCancelled()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1", key: "assign-1"));
        await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1"));

        await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(Requests.Assign("order-1", key: "assign-2")).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.AssignmentCancelled);

        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(0);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_AfterPickup_RefusedIllegalTransition()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId));

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1")).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.IllegalTransition);

        info.Metadata["from"].Should().Be("PICKED_UP");
        info.Metadata["to"].Should().Be("CANCELLED");
        var assignment = await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" });
        assignment.Status.Should().Be(AssignmentStatus.PickedUp, "the food is on its way");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_AfterDelivery_RefusedIllegalTransition()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId));
        await delivery.Client.ConfirmDeliveredAsync(Requests.Delivered("order-1", assigned.CourierId));

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1")).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.IllegalTransition);

        info.Metadata["from"].Should().Be("DELIVERED");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(0);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task CancelAssignment_FirstAttemptsFailTransiently_RetryWithSameKeyFreesTheCourierOnce()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 2);
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-2"));
        var cancel = Requests.Cancel("order-1");
        delivery.Faults.FailFirstAttempts(cancel.IdempotencyKey, 1);

        var failure = await FluentActions.Awaiting(() => delivery.Client.CancelAssignmentAsync(cancel).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(2, "the injected fault came before any effect");
        var retry = await delivery.Client.CancelAssignmentAsync(cancel);
        var repeat = await delivery.Client.CancelAssignmentAsync(cancel);

        failure.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        retry.Cancelled.Should().BeTrue();
        repeat.Should().Be(retry);
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1, "order-2 still holds its unit");
        await delivery.AssertCapacityInvariantAsync();
    }
}

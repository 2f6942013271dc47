using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FoodDelivery.Delivery.Tests;

/// <summary>The courier's side: ConfirmPickup and ConfirmDelivered.</summary>
public sealed class CourierConfirmationTests
{
    [Fact]
    public async Task ConfirmPickup_AssignedCourier_MarksPickedUpAndKeepsCapacity()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        delivery.Time.Advance(TimeSpan.FromMinutes(10));

        var picked = await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId));

        picked.Status.Should().Be(AssignmentStatus.PickedUp);
        picked.AssignedAt.Should().Be(assigned.AssignedAt);
        picked.UpdatedAt.Should().Be(Timestamp.FromDateTimeOffset(DeliveryServiceFixture.Start.AddMinutes(10)));
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1, "the courier still carries the food");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task ConfirmPickup_RepeatedWithAnotherKey_ReturnsUnchanged()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        var first = await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId, key: "pickup-a"));
        delivery.Time.Advance(TimeSpan.FromMinutes(1));

        var repeat = await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId, key: "pickup-b"));

        repeat.Should().Be(first, "a pickup already confirmed changes nothing, not even the time");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task ConfirmPickup_WrongCourier_RefusedWrongCourierAndNothingChanges()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        assigned.CourierId.Should().Be("courier-1");

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", "courier-2")).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.WrongCourier);

        info.Metadata["courier_id"].Should().Be("courier-2");
        info.Metadata["assigned_courier_id"].Should().Be("courier-1");
        var assignment = await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" });
        assignment.Should().Be(assigned);
    }

    [Fact]
    public async Task ConfirmPickup_UnknownOrder_FailsNotFound()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();

        await RpcAssert.FailsWithAsync(
            () => delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-404", "courier-1")).ResponseAsync,
            StatusCode.NotFound,
            ErrorReasons.NotFound);

        (await delivery.AssignmentCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ConfirmPickup_CancelledAssignment_RefusedIllegalTransition()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.CancelAssignmentAsync(Requests.Cancel("order-1"));

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId)).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.IllegalTransition);

        info.Metadata["from"].Should().Be("CANCELLED");
        info.Metadata["to"].Should().Be("PICKED_UP");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task ConfirmDelivered_AfterPickup_DeliversAndFreesCapacityForTheNextOrder()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId));
        await RpcAssert.FailsWithAsync(
            () => delivery.Client.AssignCourierAsync(Requests.Assign("order-2")).ResponseAsync,
            StatusCode.ResourceExhausted,
            ErrorReasons.NoCourierAvailable);

        var delivered = await delivery.Client.ConfirmDeliveredAsync(Requests.Delivered("order-1", assigned.CourierId));
        var next = await delivery.Client.AssignCourierAsync(Requests.Assign("order-2"));

        delivered.Status.Should().Be(AssignmentStatus.Delivered);
        next.CourierId.Should().Be("courier-1", "delivering freed the courier");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task ConfirmDelivered_RepeatedWithAnotherKey_ReturnsUnchangedAndFreesOnce()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 2);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.AssignCourierAsync(Requests.Assign("order-2"));
        await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId));
        var first = await delivery.Client.ConfirmDeliveredAsync(Requests.Delivered("order-1", assigned.CourierId, key: "delivered-a"));

        var repeat = await delivery.Client.ConfirmDeliveredAsync(Requests.Delivered("order-1", assigned.CourierId, key: "delivered-b"));

        repeat.Should().Be(first);
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1, "order-2 still holds its unit");
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task ConfirmDelivered_BeforePickup_RefusedIllegalTransition()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));

        var info = await RpcAssert.FailsWithAsync(
            () => delivery.Client.ConfirmDeliveredAsync(Requests.Delivered("order-1", assigned.CourierId)).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.IllegalTransition);

        info.Metadata["from"].Should().Be("ASSIGNED");
        info.Metadata["to"].Should().Be("DELIVERED");
        (await delivery.CourierAsync("courier-1")).ActiveAssignments.Should().Be(1);
        await delivery.AssertCapacityInvariantAsync();
    }

    [Fact]
    public async Task ConfirmDelivered_WrongCourier_RefusedWrongCourier()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 1);
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));
        await delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", assigned.CourierId));

        await RpcAssert.FailsWithAsync(
            () => delivery.Client.ConfirmDeliveredAsync(Requests.Delivered("order-1", "courier-2")).ResponseAsync,
            StatusCode.FailedPrecondition,
            ErrorReasons.WrongCourier);

        (await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" })).Status
            .Should().Be(AssignmentStatus.PickedUp);
        await delivery.AssertCapacityInvariantAsync();
    }
}

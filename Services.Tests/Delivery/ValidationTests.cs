using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;

namespace FoodDelivery.Delivery.Tests;

/// <summary>Bad input is refused with INVALID_ARGUMENT naming every bad field, and nothing is written.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task AssignCourier_InvalidFields_InvalidArgumentNamingEachAndNothingWritten()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var request = new AssignCourierRequest
        {
            IdempotencyKey = "",
            OrderId = "order 1",
            Dropoff = new Address { Street = "Kundenweg 42", City = "", PostalCode = "10117", Country = "de" },
        };

        var fields = await RpcAssert.InvalidFieldsAsync(() => delivery.Client.AssignCourierAsync(request).ResponseAsync);

        fields.Should().BeEquivalentTo("idempotency_key", "order_id", "pickup", "dropoff.city", "dropoff.country");
        (await delivery.AssignmentCountAsync()).Should().Be(0);
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(0);
        var couriers = await delivery.Client.ListCouriersAsync(new ListCouriersRequest());
        couriers.Couriers.Should().OnlyContain(c => c.ActiveAssignments == 0);
    }

    [Fact]
    public async Task CancelAssignment_InvalidFields_InvalidArgumentAndNoTombstone()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var request = new CancelAssignmentRequest { IdempotencyKey = "cancel-1", OrderId = "", Reason = "bad\u0001reason" };

        var fields = await RpcAssert.InvalidFieldsAsync(() => delivery.Client.CancelAssignmentAsync(request).ResponseAsync);

        fields.Should().BeEquivalentTo("order_id", "reason");
        (await delivery.AssignmentCountAsync()).Should().Be(0);
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ConfirmPickup_MissingCourier_InvalidArgumentAndNothingChanges()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var assigned = await delivery.Client.AssignCourierAsync(Requests.Assign("order-1"));

        var fields = await RpcAssert.InvalidFieldsAsync(
            () => delivery.Client.ConfirmPickupAsync(Requests.Pickup("order-1", courierId: "")).ResponseAsync);

        fields.Should().BeEquivalentTo("courier_id");
        (await delivery.Client.GetAssignmentAsync(new GetAssignmentRequest { OrderId = "order-1" })).Should().Be(assigned);
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(1, "only the assignment's own record");
    }

    [Fact]
    public async Task ConfirmDelivered_MissingKeyAndOrder_InvalidArgumentNamingBoth()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();
        var request = new ConfirmDeliveredRequest { CourierId = "courier-1" };

        var fields = await RpcAssert.InvalidFieldsAsync(() => delivery.Client.ConfirmDeliveredAsync(request).ResponseAsync);

        fields.Should().BeEquivalentTo("idempotency_key", "order_id");
        (await delivery.IdempotencyRecordCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task GetAssignment_MissingOrder_InvalidArgument()
    {
        await using var delivery = await DeliveryServiceFixture.StartAsync();

        var fields = await RpcAssert.InvalidFieldsAsync(
            () => delivery.Client.GetAssignmentAsync(new GetAssignmentRequest()).ResponseAsync);

        fields.Should().BeEquivalentTo("order_id");
    }
}

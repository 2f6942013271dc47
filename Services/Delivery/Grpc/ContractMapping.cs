using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Domain;
using Google.Protobuf.WellKnownTypes;
using Assignment = FoodDelivery.Delivery.Domain.Assignment;
using AssignmentMessage = FoodDelivery.Contracts.Delivery.V1.Assignment;
using Courier = FoodDelivery.Delivery.Domain.Courier;
using CourierMessage = FoodDelivery.Contracts.Delivery.V1.Courier;

namespace FoodDelivery.Delivery.Grpc;

/// <summary>Translations between the stored rows and the messages of delivery.proto.</summary>
public static class ContractMapping
{
    public static AssignmentMessage ToMessage(this Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var message = new AssignmentMessage
        {
            OrderId = assignment.OrderId,
            CourierId = assignment.CourierId ?? "",
            Status = ToMessage(assignment.Status),
            Tombstone = assignment.Tombstone,
            UpdatedAt = Timestamp.FromDateTime(assignment.UpdatedAt),
        };
        if (assignment.AssignedAt is { } assignedAt)
        {
            message.AssignedAt = Timestamp.FromDateTime(assignedAt);
        }

        if (assignment.Pickup is { } pickup)
        {
            message.Pickup = pickup.ToMessage();
        }

        if (assignment.Dropoff is { } dropoff)
        {
            message.Dropoff = dropoff.ToMessage();
        }

        return message;
    }

    public static CourierMessage ToMessage(this Courier courier)
    {
        ArgumentNullException.ThrowIfNull(courier);
        return new CourierMessage
        {
            CourierId = courier.CourierId,
            Name = courier.Name,
            Capacity = courier.Capacity,
            ActiveAssignments = courier.ActiveAssignments,
            OnShift = courier.OnShift,
        };
    }

    public static AssignmentStatus ToMessage(this AssignmentState state) => state switch
    {
        AssignmentState.Assigned => AssignmentStatus.Assigned,
        AssignmentState.PickedUp => AssignmentStatus.PickedUp,
        AssignmentState.Delivered => AssignmentStatus.Delivered,
        AssignmentState.Cancelled => AssignmentStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static StreetAddress ToDomain(this Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new StreetAddress(address.Street, address.City, address.PostalCode, address.Country);
    }

    public static Address ToMessage(this StreetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new Address { Street = address.Street, City = address.City, PostalCode = address.PostalCode, Country = address.Country };
    }
}

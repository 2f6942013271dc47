namespace FoodDelivery.Delivery.Domain;

/// <summary>
/// Where an order's delivery stands: ASSIGNED -> PICKED_UP -> DELIVERED, or ASSIGNED -> CANCELLED.
/// A tombstone is CANCELLED from the start (cancelled before anything was assigned).
/// </summary>
public enum AssignmentState
{
    Assigned,
    PickedUp,
    Delivered,
    Cancelled,
}

using System.Collections.Frozen;
using System.Globalization;
using FoodDelivery.Contracts.Order.V1;
using Google.Protobuf.Reflection;

namespace FoodDelivery.Order.Domain;

/// <summary>
/// Which status an order may move to from which, as one table. Anything not listed is illegal; DELIVERED, CANCELLED and
/// REJECTED list nothing, so they are terminal.
/// </summary>
public static class OrderStateMachine
{
    private static readonly FrozenDictionary<OrderStatus, FrozenSet<OrderStatus>> Transitions =
        new Dictionary<OrderStatus, FrozenSet<OrderStatus>>
        {
            [OrderStatus.Pending] = Set(OrderStatus.Confirmed, OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.NeedsAttention),
            // REJECTED from CONFIRMED: the saga's pickup deadline passed (the courier never came) and it was undone.
            [OrderStatus.Confirmed] = Set(OrderStatus.PickedUp, OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.NeedsAttention),
            [OrderStatus.PickedUp] = Set(OrderStatus.Delivered, OrderStatus.NeedsAttention),
            // An operator resolves a stuck order: cancel it, reject it, or let it proceed.
            [OrderStatus.NeedsAttention] = Set(OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.Confirmed),
            [OrderStatus.Delivered] = Set(),
            [OrderStatus.Cancelled] = Set(),
            [OrderStatus.Rejected] = Set(),
        }.ToFrozenDictionary();

    private static readonly EnumDescriptor StatusDescriptor = OrderReflection.Descriptor.FindTypeByName<EnumDescriptor>("OrderStatus");

    /// <summary>The status every new order starts in.</summary>
    public const OrderStatus InitialStatus = OrderStatus.Pending;

    public static bool CanTransition(OrderStatus from, OrderStatus to) =>
        Transitions.TryGetValue(from, out var targets) && targets.Contains(to);

    public static bool IsTerminal(OrderStatus status) =>
        Transitions.TryGetValue(status, out var targets) && targets.Count == 0;

    /// <summary>Statuses an order can be in (every defined status but UNSPECIFIED).</summary>
    public static bool IsKnown(OrderStatus status) => Transitions.ContainsKey(status);

    /// <summary>Leaving the happy path must say why, so the history explains every unhappy ending.</summary>
    public static bool RequiresReason(OrderStatus to) =>
        to is OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.NeedsAttention;

    /// <summary>The wire name of a status (e.g. ORDER_STATUS_PENDING), as clients see it in errors.</summary>
    public static string WireName(OrderStatus status) =>
        StatusDescriptor.FindValueByNumber((int)status)?.Name ?? ((int)status).ToString(CultureInfo.InvariantCulture);

    private static FrozenSet<OrderStatus> Set(params OrderStatus[] statuses) => statuses.ToFrozenSet();
}

using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Delivery.Domain;
using FoodDelivery.Order.Persistence;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.Restaurant.Domain;

namespace FoodDelivery.Audit;

/// <summary>
/// Checks the invariants that must hold across the four databases once an order's saga has ended
/// (shared/DESIGN.md, "Idempotency and consistency"):
/// <list type="bullet">
/// <item>CONFIRMED, PICKED_UP, DELIVERED: items reserved once and consumed, payment captured once for the order total,
/// one courier assigned (in step with the order's status).</item>
/// <item>CANCELLED, REJECTED: no stock held, net money moved zero (no open authorization), no courier assigned.</item>
/// <item>Every menu item: initial stock = available + held + consumed, each matching the reservations.</item>
/// <item>Every courier: active assignments counted right and within capacity.</item>
/// <item>Nothing held, charged or assigned for an order the Order service does not know.</item>
/// </list>
/// Orders still PENDING or NEEDS_ATTENTION are in flight and reported as such, not judged.
/// </summary>
public static class ConsistencyAudit
{
    public static async Task<AuditReport> RunAsync(AuditDatabases databases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var snapshot = await AuditSnapshot.LoadAsync(databases, cancellationToken);
        var violations = new List<Violation>();
        var inFlight = new List<string>();

        foreach (var order in snapshot.Orders)
        {
            switch (order.Status)
            {
                case OrderStatus.Confirmed or OrderStatus.PickedUp or OrderStatus.Delivered:
                    CheckFulfilled(order, snapshot, violations);
                    break;
                case OrderStatus.Cancelled or OrderStatus.Rejected:
                    CheckUndone(order, snapshot, violations);
                    break;
                default:
                    inFlight.Add($"{order.OrderId} ({order.Status})");
                    break;
            }
        }

        CheckOrphans(snapshot, violations);
        CheckStock(snapshot, violations);
        CheckCouriers(snapshot, violations);
        CheckLedgers(snapshot, violations);
        return new AuditReport(snapshot.Orders.Count, snapshot.MenuItems.Count, snapshot.Couriers.Count, violations, inFlight);
    }

    private static void CheckFulfilled(OrderRecord order, AuditSnapshot snapshot, List<Violation> violations)
    {
        var subject = $"order {order.OrderId} ({order.Status})";
        void Violate(string rule, string detail) => violations.Add(new Violation(subject, rule, detail));

        var reservation = snapshot.ReservationFor(order.OrderId);
        if (reservation is null || reservation.Tombstone)
        {
            Violate("items-consumed", "no reservation");
        }
        else
        {
            if (reservation.Status != ReservationStatus.Confirmed)
            {
                Violate("items-consumed", $"reservation is {reservation.Status}, not Confirmed");
            }

            var reserved = reservation.Lines.Select(l => $"{l.MenuItemId}x{l.Quantity}").Order(StringComparer.Ordinal);
            var ordered = order.Lines.Select(l => $"{l.ItemId}x{l.Quantity}").Order(StringComparer.Ordinal);
            if (!reserved.SequenceEqual(ordered))
            {
                Violate("items-consumed", $"reserved [{string.Join(", ", reserved)}] but ordered [{string.Join(", ", ordered)}]");
            }
        }

        var payment = snapshot.PaymentFor(order.OrderId);
        if (payment is null || payment.Tombstone)
        {
            Violate("captured-once", "no payment");
        }
        else
        {
            var captures = payment.Ledger.Count(e => e.Kind == MovementKind.Capture);
            if (captures != 1 || payment.CapturedMinor != order.TotalMinor || payment.RefundedMinor != 0)
            {
                Violate(
                    "captured-once",
                    $"{captures} capture(s) of {payment.CapturedMinor}, refunded {payment.RefundedMinor}; order total {order.TotalMinor} {order.Currency}");
            }

            if (payment.Currency != order.Currency)
            {
                Violate("captured-once", $"payment in {payment.Currency}, order in {order.Currency}");
            }
        }

        var assignment = snapshot.AssignmentFor(order.OrderId);
        var expected = order.Status switch
        {
            OrderStatus.Confirmed => AssignmentState.Assigned,
            OrderStatus.PickedUp => AssignmentState.PickedUp,
            _ => AssignmentState.Delivered,
        };
        if (assignment is null || assignment.Tombstone || assignment.CourierId is null)
        {
            Violate("one-courier", "no courier assigned");
        }
        else if (assignment.Status != expected)
        {
            Violate("one-courier", $"assignment is {assignment.Status}, expected {expected}");
        }
    }

    private static void CheckUndone(OrderRecord order, AuditSnapshot snapshot, List<Violation> violations)
    {
        var subject = $"order {order.OrderId} ({order.Status})";
        var reservation = snapshot.ReservationFor(order.OrderId);
        if (reservation is { IsActive: true })
        {
            violations.Add(new Violation(subject, "no-stock-held", $"reservation is still {reservation.Status}"));
        }

        var payment = snapshot.PaymentFor(order.OrderId);
        if (payment is not null && (payment.NetMinor != 0 || payment.State is PaymentState.Authorized or PaymentState.Captured))
        {
            violations.Add(new Violation(
                subject, "no-money-moved", $"payment is {payment.State} with net {payment.NetMinor} {payment.Currency}"));
        }

        var assignment = snapshot.AssignmentFor(order.OrderId);
        if (assignment is { HoldsCapacity: true })
        {
            violations.Add(new Violation(subject, "no-courier", $"courier {assignment.CourierId} is still {assignment.Status}"));
        }
    }

    private static void CheckOrphans(AuditSnapshot snapshot, List<Violation> violations)
    {
        foreach (var reservation in snapshot.Reservations.Where(r => r.IsActive && !snapshot.HasOrder(r.OrderId)))
        {
            violations.Add(new Violation($"reservation {reservation.OrderId}", "no-unknown-order", $"{reservation.Status} for an order the Order service does not know"));
        }

        foreach (var payment in snapshot.Payments.Where(p => !snapshot.HasOrder(p.OrderId) && (p.NetMinor != 0 || p.State is PaymentState.Authorized or PaymentState.Captured)))
        {
            violations.Add(new Violation($"payment {payment.OrderId}", "no-unknown-order", $"{payment.State} (net {payment.NetMinor}) for an order the Order service does not know"));
        }

        foreach (var assignment in snapshot.Assignments.Where(a => a.HoldsCapacity && !snapshot.HasOrder(a.OrderId)))
        {
            violations.Add(new Violation($"assignment {assignment.OrderId}", "no-unknown-order", $"courier {assignment.CourierId} {assignment.Status} for an order the Order service does not know"));
        }
    }

    private static void CheckStock(AuditSnapshot snapshot, List<Violation> violations)
    {
        foreach (var item in snapshot.MenuItems)
        {
            var subject = $"item {item.Id}";
            if (item.Available < 0 || item.Held < 0 || item.Consumed < 0)
            {
                violations.Add(new Violation(subject, "stock-never-negative", $"available {item.Available}, held {item.Held}, consumed {item.Consumed}"));
            }

            if (item.InitialStock != item.Available + item.Held + item.Consumed)
            {
                violations.Add(new Violation(
                    subject,
                    "stock-conserved",
                    $"initial {item.InitialStock} != available {item.Available} + held {item.Held} + consumed {item.Consumed}"));
            }

            var held = snapshot.QuantityIn(item.Id, ReservationStatus.Held);
            var consumed = snapshot.QuantityIn(item.Id, ReservationStatus.Confirmed);
            if (held != item.Held || consumed != item.Consumed)
            {
                violations.Add(new Violation(
                    subject,
                    "stock-matches-reservations",
                    $"item says held {item.Held}, consumed {item.Consumed}; reservations say held {held}, consumed {consumed}"));
            }
        }
    }

    private static void CheckCouriers(AuditSnapshot snapshot, List<Violation> violations)
    {
        foreach (var courier in snapshot.Couriers)
        {
            var active = snapshot.Assignments.Count(a => a.CourierId == courier.CourierId && a.HoldsCapacity);
            if (active != courier.ActiveAssignments || courier.ActiveAssignments > courier.Capacity)
            {
                violations.Add(new Violation(
                    $"courier {courier.CourierId}",
                    "courier-capacity",
                    $"counts {courier.ActiveAssignments} active of capacity {courier.Capacity}; assignments say {active}"));
            }
        }
    }

    private static void CheckLedgers(AuditSnapshot snapshot, List<Violation> violations)
    {
        foreach (var payment in snapshot.Payments)
        {
            var authorizations = payment.Ledger.Count(e => e.Kind == MovementKind.Authorization);
            var captures = payment.Ledger.Count(e => e.Kind == MovementKind.Capture);
            if (authorizations > 1 || captures > 1 || payment.RefundedMinor > payment.CapturedMinor || payment.CapturedMinor > payment.AuthorizedMinor)
            {
                violations.Add(new Violation(
                    $"payment {payment.OrderId}",
                    "ledger-sound",
                    $"{authorizations} authorization(s), {captures} capture(s); authorized {payment.AuthorizedMinor}, captured {payment.CapturedMinor}, refunded {payment.RefundedMinor}"));
            }
        }
    }
}

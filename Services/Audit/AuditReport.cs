namespace FoodDelivery.Audit;

/// <summary>One broken invariant: what it is about (an order, an item, a courier), which rule, and the facts.</summary>
public sealed record Violation(string Subject, string Rule, string Detail)
{
    public override string ToString() => $"{Subject}: {Rule}: {Detail}";
}

/// <summary>The audit's findings. Orders whose saga is still running are listed, not judged.</summary>
public sealed record AuditReport(
    int OrdersChecked,
    int MenuItemsChecked,
    int CouriersChecked,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<string> OrdersInFlight)
{
    public bool IsClean => Violations.Count == 0;

    public override string ToString() =>
        IsClean
            ? $"audit clean: {OrdersChecked} orders, {MenuItemsChecked} menu items, {CouriersChecked} couriers ({OrdersInFlight.Count} in flight)"
            : $"audit found {Violations.Count} violation(s):{Environment.NewLine}" + string.Join(Environment.NewLine, Violations.Select(v => "  " + v));
}

namespace FoodDelivery.Order.Domain;

/// <summary>The order total is computed here, never taken from the caller: sum of quantity * unit price, in minor units.</summary>
public static class OrderPricing
{
    /// <summary>The total, or null when it does not fit in 64-bit minor units.</summary>
    public static long? TryTotal(IEnumerable<(int Quantity, long UnitPriceMinor)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        try
        {
            long total = 0;
            foreach (var (quantity, unitPriceMinor) in lines)
            {
                total = checked(total + checked(quantity * unitPriceMinor));
            }

            return total;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

namespace FoodDelivery.Order.Paging;

/// <summary>
/// Where the previous page of a customer's orders ended: the last order's creation time and id. The next page starts
/// strictly after it in (CreatedAt desc, OrderId desc) order, so orders inserted meanwhile never shift a page.
/// </summary>
public sealed record OrderCursor(DateTime CreatedAt, string OrderId);

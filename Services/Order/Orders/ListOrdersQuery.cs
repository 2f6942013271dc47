using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Paging;
using FoodDelivery.ServiceDefaults.Validation;

namespace FoodDelivery.Order.Orders;

/// <summary>A customer's orders, newest first, one page at a time (keyset paging behind an opaque token).</summary>
public sealed class ListOrdersQuery(OrderStore store, PageTokenCodec pageTokens)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<ListOrdersResponse> ListAsync(ListOrdersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validator = new RequestValidator().Id(request.CustomerId, "customer_id");
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            validator.Add("page_size", $"must be between 1 and {MaxPageSize} (0 means {DefaultPageSize})");
        }

        OrderCursor? after = null;
        if (request.PageToken.Length > 0 && validator.IsValid)
        {
            after = pageTokens.TryDecode(request.CustomerId, request.PageToken);
            if (after is null)
            {
                validator.Add("page_token", "is not a page token of this customer's order list");
            }
        }

        validator.ThrowIfInvalid();

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        // One more than asked tells whether another page follows.
        var orders = await store.ListByCustomerAsync(request.CustomerId, after, pageSize + 1, cancellationToken);
        var response = new ListOrdersResponse();
        response.Orders.AddRange(orders.Take(pageSize).Select(OrderMapper.ToMessage));
        if (orders.Count > pageSize)
        {
            var last = orders[pageSize - 1];
            response.NextPageToken = pageTokens.Encode(request.CustomerId, new OrderCursor(last.CreatedAt, last.OrderId));
        }

        return response;
    }
}

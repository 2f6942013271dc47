using FoodDelivery.Order.Ordering;
using FoodDelivery.Order.Orders;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Security;

namespace FoodDelivery.Order.Api;

/// <summary>
/// Whether a caller may see or cancel one order: operators may, customers only their own. Another customer's order
/// answers NOT_FOUND, word for word what an unknown order id answers, so a token cannot be used to probe which order
/// ids exist (order ids derive from customer and checkout ids, which are not secret).
/// </summary>
public sealed class OrderAccess(OrderStore store, SagaGateway sagas)
{
    public async Task RequireReadableAsync(CallerIdentity caller, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsOperator)
        {
            return;
        }

        var owner = await OwnerAsync(orderId, cancellationToken);
        if (owner is null || !caller.IsCustomer(owner))
        {
            throw ServiceErrors.NotFound("order", orderId);
        }
    }

    /// <summary>The order record's customer; before the saga has recorded the order, the customer it was started for.</summary>
    private async Task<string?> OwnerAsync(string orderId, CancellationToken cancellationToken) =>
        (await store.FindReadOnlyAsync(orderId, cancellationToken))?.CustomerId
        ?? await sagas.DescribeCustomerAsync(orderId, cancellationToken);
}

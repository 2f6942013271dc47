using FoodDelivery.Payment.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FoodDelivery.Payment.Domain;

/// <summary>Loads an order's payment with its whole ledger (the derived amounts need every entry).</summary>
internal static class PaymentLookup
{
    public static Task<OrderPayment?> FindByOrderAsync(
        this IQueryable<OrderPayment> payments, string orderId, CancellationToken cancellationToken) =>
        payments.Include(p => p.Ledger).SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
}

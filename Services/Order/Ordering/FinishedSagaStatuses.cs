using FoodDelivery.Orchestrator.Saga;
using Microsoft.Extensions.Caching.Memory;

namespace FoodDelivery.Order.Ordering;

/// <summary>
/// Statuses of sagas that have closed. A closed run never changes and its workflow id is never reused (one saga per
/// order, ever), so its status is kept here, up to a bound, instead of being fetched again for every read of the order.
/// </summary>
public sealed class FinishedSagaStatuses : IDisposable
{
    private const int Capacity = 10_000;

    private readonly MemoryCache _statuses = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public bool TryGet(string orderId, out OrderSagaStatus status) => _statuses.TryGetValue(orderId, out status!);

    public void Remember(string orderId, OrderSagaStatus status) =>
        _statuses.Set(orderId, status, new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => _statuses.Dispose();
}

using System.Diagnostics;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Observability.Tests.Support;

/// <summary>Plays the customer, the restaurant and the courier through the Order API.</summary>
public sealed class OrderDriver(ObservedSystem system)
{
    public static PlaceOrderRequest NewOrder(string paymentToken = "tok_visa") => new()
    {
        ClientRequestId = Guid.NewGuid().ToString("N"),
        CustomerId = "cust-ada",
        RestaurantId = "rest-pizzeria",
        DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
        PaymentMethodToken = paymentToken,
        Items = { new ItemQuantity { ItemId = "item-margherita", Quantity = 2 } },
    };

    /// <summary>Places the order under a root span of its own; returns the order id and that span's trace id.</summary>
    public async Task<(string OrderId, ActivityTraceId TraceId)> PlaceTracedAsync(PlaceOrderRequest request)
    {
        using var root = TelemetryCapture.Tests.StartActivity("customer places an order", ActivityKind.Internal, parentContext: default)
            ?? throw new InvalidOperationException("the test's tracer provider is not listening");
        var reply = await system.Ordering.PlaceOrderAsync(request);
        return (reply.OrderId, root.TraceId);
    }

    /// <summary>Polls the saga's status until it reaches <paramref name="state"/> (outside any test span).</summary>
    public async Task<OrderSagaStatus> WaitForStateAsync(string orderId, SagaState state)
    {
        using var detached = Detach();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        OrderSagaStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await system.Saga(orderId).QueryAsync(wf => wf.GetStatus());
                if (status.State == state)
                {
                    return status;
                }
            }
            catch (Temporalio.Exceptions.RpcException)
            {
                // Not started yet, or its first workflow task has not run: ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"order {orderId} did not reach {state}; last status: {status}");
    }

    /// <summary>Accepts, then has the courier pick up and deliver; returns the saga's result.</summary>
    public async Task<OrderSagaResult> DeliverAsync(string orderId, bool alreadyAccepted = false)
    {
        if (!alreadyAccepted)
        {
            await WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
            await system.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = "rest-pizzeria" });
        }

        var courier = (await WaitForStateAsync(orderId, SagaState.Confirmed)).CourierId!;
        await system.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        await WaitForStateAsync(orderId, SagaState.PickedUp);
        await system.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        return await ResultAsync(orderId).WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The saga's result; awaiting it lets the DevServer's virtual time jump to the next deadline.</summary>
    public Task<OrderSagaResult> ResultAsync(string orderId) => system.Saga(orderId).GetResultAsync<OrderSagaResult>();

    /// <summary>No ambient span: what follows starts traces of its own, as a separate client would.</summary>
    private static IDisposable Detach()
    {
        var previous = Activity.Current;
        Activity.Current = null;
        return new Restore(previous);
    }

    private sealed class Restore(Activity? previous) : IDisposable
    {
        public void Dispose() => Activity.Current = previous;
    }
}

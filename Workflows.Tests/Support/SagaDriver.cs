using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;

namespace FoodDelivery.Workflows.Tests.Support;

/// <summary>Plays the customer, the restaurant and the courier against one environment's client-facing API.</summary>
public sealed class SagaDriver(SagaEnvironment environment)
{
    public const string Pizzeria = "rest-pizzeria";
    public const string Sushi = "rest-sushi";

    public static PlaceOrderRequest NewOrder(
        string restaurantId = Pizzeria,
        string paymentToken = "tok_visa",
        string customerId = "cust-ada",
        params (string ItemId, int Quantity)[] items)
    {
        var request = new PlaceOrderRequest
        {
            ClientRequestId = Guid.NewGuid().ToString("N"),
            CustomerId = customerId,
            RestaurantId = restaurantId,
            DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
            PaymentMethodToken = paymentToken,
        };
        var lines = items.Length > 0 ? items : [("item-margherita", 2), ("item-tiramisu", 1)];
        request.Items.AddRange(lines.Select(l => new ItemQuantity { ItemId = l.ItemId, Quantity = l.Quantity }));
        return request;
    }

    public async Task<string> PlaceAsync(PlaceOrderRequest request) =>
        (await environment.Ordering.PlaceOrderAsync(request)).OrderId;

    /// <summary>Polls the saga's status query until <paramref name="state"/> (real time; the clock does not skip meanwhile).</summary>
    public async Task<OrderSagaStatus> WaitForStateAsync(string orderId, SagaState state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        OrderSagaStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await environment.Saga(orderId).QueryAsync(wf => wf.GetStatus());
                if (status.State == state)
                {
                    return status;
                }
            }
            catch (Temporalio.Exceptions.RpcException)
            {
                // Not started yet, or its first workflow task has not run: ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        throw new TimeoutException($"order {orderId} did not reach {state}; last status: {status}");
    }

    /// <summary>The saga's result; with the DevServer, awaiting it lets virtual time jump to the next deadline.</summary>
    public Task<OrderSagaResult> ResultAsync(string orderId) => environment.Saga(orderId).GetResultAsync<OrderSagaResult>();

    public async Task AcceptAsync(string orderId, string restaurantId = Pizzeria)
    {
        await WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
        await environment.Fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = restaurantId });
    }

    /// <summary>Accepts, then has the assigned courier pick the order up and deliver it.</summary>
    public async Task<OrderSagaResult> DeliverAsync(string orderId, string restaurantId = Pizzeria)
    {
        await AcceptAsync(orderId, restaurantId);
        var confirmed = await WaitForStateAsync(orderId, SagaState.Confirmed);
        var courier = confirmed.CourierId!;
        await environment.Fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        await WaitForStateAsync(orderId, SagaState.PickedUp);
        await environment.Fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        return await ResultAsync(orderId);
    }

    public async Task<Contracts.Order.V1.Order> OrderRecordAsync(string orderId) =>
        (await environment.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId })).Order;
}

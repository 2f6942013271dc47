using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using Microsoft.Extensions.Options;
using Temporalio.Activities;

namespace FoodDelivery.Orchestrator.Activities;

/// <summary>The saga's calls to the Order service: record the order, move it along its state machine.</summary>
public sealed class OrderActivities(OrderService.OrderServiceClient client, IOptions<ServiceCallOptions> options)
{
    private const string Service = "order";

    [Activity]
    public async Task CreateOrderAsync(CreateOrderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new CreateOrderRequest
        {
            IdempotencyKey = input.IdempotencyKey,
            OrderId = input.OrderId,
            CustomerId = input.CustomerId,
            RestaurantId = input.RestaurantId,
            DeliveryAddress = ToProto(input.DeliveryAddress),
        };
        request.Lines.AddRange(input.Lines.Select(l => new OrderLine
        {
            ItemId = l.ItemId,
            Name = l.Name,
            Quantity = l.Quantity,
            UnitPrice = new Money { AmountMinor = l.UnitPriceMinor, Currency = input.Currency },
        }));
        await ServiceCall.InvokeAsync(Service, options.Value.CallDeadline, o => client.CreateOrderAsync(request, o));
    }

    [Activity]
    public async Task TransitionOrderAsync(TransitionOrderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new TransitionOrderRequest
        {
            IdempotencyKey = input.IdempotencyKey,
            OrderId = input.OrderId,
            To = input.To,
            Reason = input.Reason,
        };
        await ServiceCall.InvokeAsync(Service, options.Value.CallDeadline, o => client.TransitionOrderAsync(request, o));
    }

    internal static Address ToProto(SagaAddress address) => new()
    {
        Street = address.Street,
        City = address.City,
        PostalCode = address.PostalCode,
        Country = address.Country,
    };
}

using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace FoodDelivery.Security.Tests;

/// <summary>
/// The whole system in this process (embedded DevServer, the four services, the saga worker; no simulator), shared by
/// the tests of one collection. Its channels carry no credentials: each call says with <see cref="As"/> which token it
/// sends, so the tests decide exactly who is calling.
/// </summary>
public sealed class SecuredSystem : IAsyncLifetime
{
    public const string Pizzeria = "rest-pizzeria";
    public const string Sushi = "rest-sushi";

    private GrpcChannel? _payment;
    private GrpcChannel? _restaurant;
    private GrpcChannel? _delivery;

    public FoodDeliveryStack Stack { get; private set; } = null!;

    /// <summary>Tokens signed with the keys the system checks (the development keys).</summary>
    public DevelopmentTokens Tokens => Stack.Tokens;

    public OrderingApi.OrderingApiClient Ordering { get; private set; } = null!;

    public FulfillmentApi.FulfillmentApiClient Fulfillment { get; private set; } = null!;

    public OperatorApi.OperatorApiClient Operators { get; private set; } = null!;

    public OrderService.OrderServiceClient Orders { get; private set; } = null!;

    public Contracts.Payment.V1.PaymentService.PaymentServiceClient Payments { get; private set; } = null!;

    public Contracts.Restaurant.V1.RestaurantService.RestaurantServiceClient Restaurants { get; private set; } = null!;

    public Contracts.Delivery.V1.DeliveryService.DeliveryServiceClient Deliveries { get; private set; } = null!;

    public GrpcChannel RestaurantChannel => _restaurant!;

    public async Task InitializeAsync()
    {
        Stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions());
        Ordering = new OrderingApi.OrderingApiClient(Stack.OrderChannel);
        Fulfillment = new FulfillmentApi.FulfillmentApiClient(Stack.OrderChannel);
        Operators = new OperatorApi.OperatorApiClient(Stack.OrderChannel);
        Orders = new OrderService.OrderServiceClient(Stack.OrderChannel);
        _payment = GrpcChannel.ForAddress(Stack.Services.Payment.Address);
        _restaurant = GrpcChannel.ForAddress(Stack.Services.Restaurant.Address);
        _delivery = GrpcChannel.ForAddress(Stack.Services.Delivery.Address);
        Payments = new Contracts.Payment.V1.PaymentService.PaymentServiceClient(_payment);
        Restaurants = new Contracts.Restaurant.V1.RestaurantService.RestaurantServiceClient(_restaurant);
        Deliveries = new Contracts.Delivery.V1.DeliveryService.DeliveryServiceClient(_delivery);
    }

    public async Task DisposeAsync()
    {
        _payment?.Dispose();
        _restaurant?.Dispose();
        _delivery?.Dispose();
        await Stack.DisposeAsync();
    }

    /// <summary>Call options that send <paramref name="token"/> as the bearer token; null sends none.</summary>
    public static CallOptions As(string? token)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new CallOptions(headers, deadline: DateTime.UtcNow.AddSeconds(60));
    }

    public static PlaceOrderRequest NewOrder(string customerId, string restaurantId = Pizzeria)
    {
        var request = new PlaceOrderRequest
        {
            ClientRequestId = Guid.NewGuid().ToString("N"),
            CustomerId = customerId,
            RestaurantId = restaurantId,
            DeliveryAddress = new Address { Street = "Skalitzer Strasse 1", City = "Berlin", PostalCode = "10999", Country = "DE" },
            PaymentMethodToken = "tok_visa",
        };
        request.Items.Add(new ItemQuantity { ItemId = restaurantId == Pizzeria ? "item-margherita" : "item-salmon-nigiri", Quantity = 1 });
        return request;
    }

    /// <summary>The saga's status; polls until <paramref name="state"/> or fails after 60 s.</summary>
    public async Task<Orchestrator.Saga.OrderSagaStatus> WaitForStateAsync(string orderId, Orchestrator.Saga.SagaState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Orchestrator.Saga.OrderSagaStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                status = await Stack.Client.GetWorkflowHandle<Orchestrator.Saga.OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId))
                    .QueryAsync(wf => wf.GetStatus());
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

        throw new TimeoutException($"order {orderId} did not reach {state} within 60 s; last status: {status}");
    }

    /// <summary>True when the engine knows a saga for the order (a refused PlaceOrder must start none).</summary>
    public async Task<bool> SagaExistsAsync(string orderId)
    {
        try
        {
            await Stack.Client.GetWorkflowHandle(WireNames.WorkflowIdFor(orderId)).DescribeAsync();
            return true;
        }
        catch (Temporalio.Exceptions.RpcException ex) when (ex.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredSystemCollection : ICollectionFixture<SecuredSystem>
{
    public const string Name = "secured system";
}

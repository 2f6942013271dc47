using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;

namespace FoodDelivery.Cli.Tests.Support;

/// <summary>
/// One whole system in this process (LocalStack: DevServer, the four services on SQLite, the worker), shared by a
/// test class. No simulator: the tests play the restaurant and the courier through the CLI. Each test uses its own
/// customer, so the tests do not see each other's orders.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private GrpcChannel? _deliveryChannel;

    public FoodDeliveryStack Stack { get; private set; } = null!;

    public string OrderAddress => Stack.Services.Order.Address.GetLeftPart(UriPartial.Authority);

    /// <summary>The options that point a CLI command at this stack.</summary>
    public string[] Target => ["--order-address", OrderAddress, "--temporal-address", Stack.TemporalAddress, "--namespace", Stack.Namespace];

    public async Task InitializeAsync()
    {
        Stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions());
        _deliveryChannel = GrpcChannel.ForAddress(Stack.Services.Delivery.Address);
    }

    public async Task DisposeAsync()
    {
        _deliveryChannel?.Dispose();
        await Stack.DisposeAsync();
    }

    /// <summary>Runs a CLI command against this stack.</summary>
    public Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync([.. args, .. Target]);

    /// <summary>Polls the order's view until <paramref name="done"/> holds (or fails after <see cref="Patience"/>).</summary>
    public async Task<OrderView> WaitForAsync(string orderId, Func<OrderView, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        OrderView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await Stack.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId });
            if (done(view))
            {
                return view;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"order {orderId} did not reach {what} within {Patience}; last view: {view}");
    }

    public Task<OrderView> WaitForStateAsync(string orderId, string sagaState) =>
        WaitForAsync(orderId, v => v.Saga?.State == sagaState, sagaState);

    /// <summary>The courier the delivery service assigned (what the courier's app would know).</summary>
    public async Task<string> AssignedCourierAsync(string orderId)
    {
        var delivery = new DeliveryService.DeliveryServiceClient(_deliveryChannel!.WithDevelopmentTokens());
        return (await delivery.GetAssignmentAsync(new GetAssignmentRequest { OrderId = orderId })).CourierId;
    }
}

using FoodDelivery.Composition;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.DevServer;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Transport;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Temporalio.Client;

namespace FoodDelivery.Security.Tests.Transport;

/// <summary>
/// One order end to end with every service requiring client certificates of the private CA: the saga worker's four
/// channels and the Order service's channel to Restaurant run over mTLS (a missing or untrusted certificate would
/// stop the saga at its first call), and the test plays customer, restaurant and courier over mTLS too.
/// </summary>
public sealed class MutualTlsSagaTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-mtls-saga-").FullName;
    private TemporalDevServer _devServer = null!;
    private FoodDeliveryServices _services = null!;
    private IHost _worker = null!;
    private TemporalClient _client = null!;
    private GrpcChannel _orderChannel = null!;

    public async Task InitializeAsync()
    {
        _devServer = await TemporalDevServer.StartAsync(new DevServerOptions());
        var temporal = new TemporalOptions { Address = _devServer.TargetHost, TaskQueue = $"orders-{Guid.NewGuid():N}" };
        // Every service listens mTLS; the Order service also calls Restaurant with its client certificate.
        var settings = new Dictionary<string, string?>(_certificates.ServerSettings())
        {
            ["Temporal:Address"] = temporal.Address,
            ["Temporal:Namespace"] = temporal.Namespace,
            ["Temporal:TaskQueue"] = temporal.TaskQueue,
        };
        foreach (var (key, value) in _certificates.ClientSettings())
        {
            settings[key] = value;
        }

        _services = await FoodDeliveryServices.StartAsync(new CompositionOptions { DataDirectory = _dataDirectory, Settings = settings });
        _worker = await SagaWorkerHost.StartAsync(_services, temporal, _certificates.ClientSettings());
        _client = await TemporalClient.ConnectAsync(temporal.ToConnectOptions());
        _orderChannel = GrpcChannel.ForAddress(
            _services.Order.Address,
            new GrpcChannelOptions { HttpHandler = ServiceChannelTransport.CreateHandler(_certificates.ClientOptions(_certificates.Client)) });
    }

    public async Task DisposeAsync()
    {
        _orderChannel.Dispose();
        await _worker.StopAsync();
        _worker.Dispose();
        await _services.DisposeAsync();
        await _devServer.DisposeAsync();
        _certificates.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleanup takes it.
        }
    }

    [Fact]
    public async Task Saga_EveryServiceRequiresClientCertificates_RunsToDelivered()
    {
        _services.All.Select(s => s.Address.Scheme).Should().AllBe("https");
        var ordering = new OrderingApi.OrderingApiClient(_orderChannel.WithDevelopmentTokens());
        var fulfillment = new FulfillmentApi.FulfillmentApiClient(_orderChannel.WithDevelopmentTokens());

        var orderId = (await ordering.PlaceOrderAsync(SecuredSystem.NewOrder("cust-mtls"))).OrderId;
        await WaitForStateAsync(orderId, SagaState.AwaitingRestaurant);
        await fulfillment.AcceptTicketAsync(new AcceptTicketRequest { OrderId = orderId, RestaurantId = SecuredSystem.Pizzeria });
        var courier = (await WaitForStateAsync(orderId, SagaState.Confirmed)).CourierId!;
        await fulfillment.ConfirmPickupAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });
        await WaitForStateAsync(orderId, SagaState.PickedUp);
        await fulfillment.ConfirmDeliveredAsync(new CourierReportRequest { OrderId = orderId, CourierId = courier });

        var delivered = await WaitForStateAsync(orderId, SagaState.Delivered);
        delivered.State.Should().Be(SagaState.Delivered);
        var view = await ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId });
        view.Order.Status.Should().Be(OrderStatus.Delivered);
    }

    /// <summary>Polls the saga's status query until <paramref name="state"/>; fails after 60 s or on another final state.</summary>
    private async Task<OrderSagaStatus> WaitForStateAsync(string orderId, SagaState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        OrderSagaStatus? status = null;
        while (DateTime.UtcNow < deadline && status?.IsFinished != true)
        {
            try
            {
                status = await _client.GetWorkflowHandle<OrderSagaWorkflow>(WireNames.WorkflowIdFor(orderId)).QueryAsync(wf => wf.GetStatus());
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
}

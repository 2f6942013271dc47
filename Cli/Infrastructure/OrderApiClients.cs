using FoodDelivery.Contracts.Order.V1;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>The Order service's client-facing APIs (ordering, fulfillment, operator) over one gRPC channel, every call signed with the caller's credentials.</summary>
public sealed class OrderApiClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public OrderApiClients(Uri address, Interceptor credentials)
    {
        Address = address;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            // A stopped service refuses at once; an address nobody answers on should not hang a person for minutes.
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) },
        });
        var signed = _channel.Intercept(credentials);
        Ordering = new OrderingApi.OrderingApiClient(signed);
        Fulfillment = new FulfillmentApi.FulfillmentApiClient(signed);
        Operators = new OperatorApi.OperatorApiClient(signed);
    }

    public Uri Address { get; }

    public OrderingApi.OrderingApiClient Ordering { get; }

    public FulfillmentApi.FulfillmentApiClient Fulfillment { get; }

    public OperatorApi.OperatorApiClient Operators { get; }

    public void Dispose() => _channel.Dispose();
}

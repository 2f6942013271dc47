using CsCheck;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Api;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FoodDelivery.Order.Tests.Fuzz;

/// <summary>
/// Bad and hostile input against the client-facing OrderingApi, FulfillmentApi and OperatorApi (and, for bytes, every
/// RPC the order service serves). These tests run the order service as the other Order tests do, without a workflow
/// engine: past validation the client-facing RPCs need the saga's engine and answer UNAVAILABLE with
/// WORKFLOW_UNAVAILABLE (their behaviour there is covered by Workflows.Tests). So the fuzzing here is about refused
/// input: a request that fails validation must be refused with INVALID_ARGUMENT and change nothing, in the database
/// or anywhere else; only a request the service's own validation accepts may get WORKFLOW_UNAVAILABLE, and those are
/// counted. ListCustomerOrders needs no engine and is fuzzed in full.
/// </summary>
public sealed class ClientApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly (StatusCode, string) EngineNeeded = (StatusCode.Unavailable, ErrorReasons.WorkflowUnavailable);

    private readonly OrderServiceFixture _service = new();
    private GrpcChannel _channel = null!;
    private int _wellFormed;

    public async Task InitializeAsync()
    {
        await _service.InitializeAsync();
        await using var scope = _service.CreateScope();
        _channel = GrpcChannel.ForAddress(ServiceEndpoint.AddressOf(scope.ServiceProvider));
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task ClientRpcs_HostileRequests_AreRefusedAndWriteNothing()
    {
        var guard = await SeedAsync();

        var checkedCalls = await CallsProperty.RunAsync("order client api: hostile requests", Calls(), guard, iterations: 1200, output);

        checkedCalls.Should().Be(1200);
        output.WriteLine($"{_wellFormed} of them passed validation and needed the workflow engine");
        _wellFormed.Should().BeLessThan(1200 / 3, "the fuzzing here is about refused input");
    }

    [Fact]
    public async Task EveryOrderServiceRpc_RandomOrMangledBytes_AreRefusedCleanlyAndWriteNothing()
    {
        var guard = await SeedAsync();
        var methods = RawGrpcCall.MethodsOf(
            OrderService.Descriptor, OrderingApi.Descriptor, FulfillmentApi.Descriptor, OperatorApi.Descriptor);
        var samples = new Dictionary<string, IMessage[]>
        {
            ["CreateOrder"] = [OrderRequests.Create("order-new-1")],
            ["TransitionOrder"] = [OrderRequests.Transition("order-pending", OrderStatus.Confirmed)],
            ["PlaceOrder"] = [Place("checkout-1")],
            ["CancelOrder"] = [new CancelOrderRequest { OrderId = "order-pending", Reason = "changed my mind" }],
            ["AcceptTicket"] = [new AcceptTicketRequest { OrderId = "order-pending", RestaurantId = "restaurant-1" }],
            ["ResolveOrder"] = [new OperatorRequest { OrderId = "order-pending", Note = "refunded by hand" }],
        };

        var checkedBodies = await RawBytesProperty.RunAsync(
            "order: random bytes", _channel, guard, methods, samples, iterations: 1200, output, EngineNeeded);

        checkedBodies.Should().Be(1200);
    }

    private Gen<FuzzCall> Calls()
    {
        var ordering = new OrderingApi.OrderingApiClient(_channel.WithDevelopmentTokens());
        var fulfillment = new FulfillmentApi.FulfillmentApiClient(_channel.WithDevelopmentTokens());
        var operators = new OperatorApi.OperatorApiClient(_channel.WithDevelopmentTokens());

        // Mostly hostile strings, sometimes well-formed ids: the inputs are meant to be refused.
        var id = Gen.Frequency<string>((1, Hostile.Id("order-pending", "customer-1", "restaurant-1", "courier-1")), (3, Hostile.Text));
        var reason = Gen.Frequency<string>((1, Gen.Const("changed my mind")), (3, Hostile.Text));
        var token = Gen.Frequency<string>((1, Gen.Const("tok_visa")), (2, Hostile.Text));
        var place = Gen.Select(id, id, id, Hostile.Items("pizza-margherita", "tiramisu"), Hostile.Address, token,
            (clientRequestId, customer, restaurant, items, address, payment) =>
            {
                var request = new PlaceOrderRequest
                {
                    ClientRequestId = clientRequestId,
                    CustomerId = customer,
                    RestaurantId = restaurant,
                    DeliveryAddress = address,
                    PaymentMethodToken = payment,
                };
                request.Items.AddRange(items);
                return Call("PlaceOrder", request, () => OrderingRequestValidation.ValidatePlace(request), r => ordering.PlaceOrderAsync(r).ResponseAsync);
            });
        var view = id.Select(order => Call("GetOrderView", new GetOrderRequest { OrderId = order },
            () => OrderingRequestValidation.ValidateOrderId(order), r => ordering.GetOrderViewAsync(r).ResponseAsync, isRead: true));
        var watch = id.Select(order => Call("WatchOrder", new WatchOrderRequest { OrderId = order },
            () => OrderingRequestValidation.ValidateOrderId(order), r => DrainAsync(ordering.WatchOrder(r)), isRead: true));
        var cancel = Gen.Select(id, reason, (order, why) =>
        {
            var request = new CancelOrderRequest { OrderId = order, Reason = why };
            return Call("CancelOrder", request, () => OrderingRequestValidation.ValidateCancel(request), r => ordering.CancelOrderAsync(r).ResponseAsync);
        });
        var list = Gen.Select(id, OrderServiceFuzzTests.PageSize, OrderServiceFuzzTests.PageToken, (customer, size, pageToken) =>
            new FuzzCall(
                "ListCustomerOrders",
                new ListOrdersRequest { CustomerId = customer, PageSize = size, PageToken = pageToken },
                () => ordering.ListCustomerOrdersAsync(new ListOrdersRequest { CustomerId = customer, PageSize = size, PageToken = pageToken }).ResponseAsync,
                IsRead: true));
        var accept = Gen.Select(id, id, (order, restaurant) => Call("AcceptTicket", new AcceptTicketRequest { OrderId = order, RestaurantId = restaurant },
            () => OrderingRequestValidation.ValidateRestaurantReport(order, restaurant, null, reasonRequired: false), r => fulfillment.AcceptTicketAsync(r).ResponseAsync));
        var reject = Gen.Select(id, id, reason, (order, restaurant, why) => Call("RejectTicket", new RejectTicketRequest { OrderId = order, RestaurantId = restaurant, Reason = why },
            () => OrderingRequestValidation.ValidateRestaurantReport(order, restaurant, why, reasonRequired: true), r => fulfillment.RejectTicketAsync(r).ResponseAsync));
        var courierReport = Gen.Select(id, id, Gen.Bool, (order, courier, delivered) =>
        {
            var request = new CourierReportRequest { OrderId = order, CourierId = courier };
            return delivered
                ? Call("ConfirmDelivered", request, () => OrderingRequestValidation.ValidateCourierReport(request), r => fulfillment.ConfirmDeliveredAsync(r).ResponseAsync)
                : Call("ConfirmPickup", request, () => OrderingRequestValidation.ValidateCourierReport(request), r => fulfillment.ConfirmPickupAsync(r).ResponseAsync);
        });
        var operatorCommand = Gen.Select(id, Gen.Frequency<string>((1, Gen.Const("")), (1, Gen.Const("refunded by hand")), (3, Hostile.Text)), Gen.Bool, (order, note, resolve) =>
        {
            var request = new OperatorRequest { OrderId = order, Note = note };
            return resolve
                ? Call("ResolveOrder", request, () => OrderingRequestValidation.ValidateOperator(request, noteRequired: true), r => operators.ResolveOrderAsync(r).ResponseAsync)
                : Call("RetryCompensation", request, () => OrderingRequestValidation.ValidateOperator(request, noteRequired: false), r => operators.RetryCompensationAsync(r).ResponseAsync);
        });
        return Gen.Frequency<FuzzCall>(
            (4, place), (1, view), (1, watch), (2, cancel), (2, list), (1, accept), (1, reject), (2, courierReport), (2, operatorCommand));
    }

    /// <summary>
    /// A call to an RPC that needs the engine past validation: WORKFLOW_UNAVAILABLE is allowed only when the service's
    /// own validation accepts the request (the same check the RPC runs first), and such requests are counted.
    /// </summary>
    private FuzzCall Call<TRequest, TResponse>(
        string rpc, TRequest request, Action validate, Func<TRequest, Task<TResponse>> send, bool isRead = false)
        where TRequest : IMessage
    {
        var wellFormed = IsAccepted(validate);
        return new FuzzCall(rpc, request, async () =>
        {
            if (wellFormed)
            {
                Interlocked.Increment(ref _wellFormed);
            }

            await send(request);
        }, isRead)
        {
            AlsoAllowed = wellFormed ? [EngineNeeded] : [],
        };
    }

    private static bool IsAccepted(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (ServiceException)
        {
            return false;
        }
    }

    private static async Task<int> DrainAsync(AsyncServerStreamingCall<OrderView> call)
    {
        using (call)
        {
            var views = 0;
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                views++;
            }

            return views;
        }
    }

    private static PlaceOrderRequest Place(string clientRequestId) => new()
    {
        ClientRequestId = clientRequestId,
        CustomerId = "customer-1",
        RestaurantId = "restaurant-1",
        Items = { new ItemQuantity { ItemId = "pizza-margherita", Quantity = 2 } },
        DeliveryAddress = new Address { Street = "Hauptstrasse 1", City = "Berlin", PostalCode = "10115", Country = "DE" },
        PaymentMethodToken = "tok_visa",
    };

    /// <summary>A pending order (some client RPCs name it) and the guard on the order service's SQLite file.</summary>
    private async Task<WriteGuard> SeedAsync()
    {
        await _service.Client.CreateOrderAsync(OrderRequests.Create("order-pending"));
        var connectionString = await _service.ReadDatabaseAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        return new WriteGuard(new SqliteTableCounts(connectionString));
    }
}

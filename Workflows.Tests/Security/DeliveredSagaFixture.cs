using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Workflows.Tests.Support;
using Google.Protobuf;
using Temporalio.Api.History.V1;
using Temporalio.Client;
using Temporalio.Common;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>
/// One order with recognisable personal data, taken through the real saga to DELIVERED once per test class; the tests
/// then look at what the engine stored, through a client that has no keys.
/// </summary>
public sealed class DeliveredSagaFixture : IAsyncLifetime
{
    public const string Street = "Geheimweg 42";
    public const string City = "Kryptostadt";
    public const string PostalCode = "99427";
    public const string PaymentToken = "tok_visa";
    public const string CustomerId = "cust-ada-lovelace";

    /// <summary>Strings that must never be stored in clear: the address, the payment token, who ordered.</summary>
    public static readonly string[] PersonalData = [Street, City, PaymentToken, CustomerId];

    public SagaEnvironment Environment { get; private set; } = null!;

    public string OrderId { get; private set; } = null!;

    public OrderSagaResult Result { get; private set; } = null!;

    /// <summary>A client of the same engine without the codec: sees payloads exactly as stored.</summary>
    public TemporalClient RawClient { get; private set; } = null!;

    /// <summary>The saga's history as the engine stores it (payloads untouched).</summary>
    public WorkflowHistory RawHistory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment = await SagaEnvironment.StartAsync();
        var driver = new SagaDriver(Environment);
        var request = SagaDriver.NewOrder(paymentToken: PaymentToken, customerId: CustomerId);
        request.DeliveryAddress = new Address { Street = Street, City = City, PostalCode = PostalCode, Country = "DE" };
        OrderId = await driver.PlaceAsync(request);
        Result = await driver.DeliverAsync(OrderId);
        RawClient = await TemporalClient.ConnectAsync(new(Environment.Temporal.Address!) { Namespace = Environment.Temporal.Namespace });
        RawHistory = await RawClient.GetWorkflowHandle(WireNames.WorkflowIdFor(OrderId)).FetchHistoryAsync();
    }

    public async Task DisposeAsync() => await Environment.DisposeAsync();

    /// <summary>The history's protobuf bytes: a clear string in any payload, failure or memo shows up verbatim here.</summary>
    public static byte[] Bytes(WorkflowHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new History { Events = { history.Events } }.ToByteArray();
    }

    /// <summary>A deep copy, so a test can decrypt it without changing <see cref="RawHistory"/> for the others.</summary>
    public WorkflowHistory CopyOfRawHistory() =>
        new(RawHistory.Id, [.. RawHistory.Events.Select(e => e.Clone())]);
}

using CsCheck;
using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Domain;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FoodDelivery.Payment.Tests.Fuzz;

/// <summary>
/// Bad and hostile input against every PaymentService RPC on the real service and its SQLite file: random and mangled
/// bytes, boundary amounts, bad and mismatched currencies, unknown orders and tokens, huge and control-character
/// strings, idempotency keys reused with other payloads. Every answer is a clean refusal (or a real, consistent
/// success), and a refusal writes nothing. A failure prints FUZZ_SEED and the iteration that replays it.
/// </summary>
public sealed class PaymentFuzzTests(ITestOutputHelper output) : PaymentTestBase
{
    // A few orders the generated requests keep coming back to, so they meet authorized, captured and voided payments.
    private static readonly string[] Orders = ["order-eur", "order-usd", "order-void", "order-new-1", "order-new-2"];
    private static readonly string[] Customers = [Requests.Customer, "customer-2"];
    private static readonly string[] Tokens =
        [TestPaymentMethods.Visa, TestPaymentMethods.Mastercard, TestPaymentMethods.Declined, TestPaymentMethods.InsufficientFunds];

    [Fact]
    public async Task EveryRpc_HostileRequests_AreRefusedCleanlyOrTakeRealEffect()
    {
        var guard = await SeedPaymentsAsync();

        var checkedCalls = await CallsProperty.RunAsync(
            "payment: hostile requests", Calls(), guard, iterations: 2400, output, onSuccess: (call, _) => ShouldBeConsistentAsync(call));

        checkedCalls.Should().Be(2400);
        await ShouldAllBeConsistentAsync();
    }

    [Fact]
    public async Task EveryRpc_RandomOrMangledBytes_AreRefusedCleanlyAndWriteNothing()
    {
        var guard = await SeedPaymentsAsync();
        using var channel = GrpcChannel.ForAddress(await AddressAsync());
        var samples = new Dictionary<string, IMessage[]>
        {
            ["AuthorizePayment"] = [Requests.Authorize("order-new-1"), Requests.Authorize("order-eur", token: TestPaymentMethods.Declined)],
            ["CapturePayment"] = [Requests.Capture("order-eur"), Requests.Capture("order-usd", amount: Requests.Eur(10))],
            ["VoidOrRefund"] = [Requests.VoidOrRefund("order-eur")],
            ["GetPayment"] = [Requests.Get("order-eur")],
        };

        var checkedBodies = await RawBytesProperty.RunAsync(
            "payment: random bytes", channel, guard, RawGrpcCall.MethodsOf(PaymentService.Descriptor), samples, iterations: 1200, output);

        checkedBodies.Should().Be(1200);
        await ShouldAllBeConsistentAsync();
    }

    [Fact]
    public async Task IdempotencyKey_ReusedWithAnotherPayload_IsRefusedAndWritesNothing()
    {
        var guard = await SeedPaymentsAsync();
        var pairs = Gen.Select(Hostile.AmountMinor, Gen.Int[0, 1_000_000], Gen.Int[0, 2], (amount, n, change) => (Amount: amount, N: n, Change: change));
        var checkedPairs = await FuzzRunner.RunAsync(
            "payment: key reused with another payload",
            pairs,
            iterations: 200,
            async pair =>
            {
                var key = $"reused-key-{pair.N}";
                var first = Requests.Authorize($"order-key-{pair.N}", key, amountMinor: 1000 + (pair.N % 500));
                (await guard.CheckAsync(Call("AuthorizePayment", first, r => Client.AuthorizePaymentAsync(r).ResponseAsync))).Outcome.IsOk.Should().BeTrue();
                IMessage second = pair.Change switch
                {
                    0 => Requests.Authorize(first.OrderId, key, amountMinor: first.Amount.AmountMinor + 1),
                    1 => Requests.Capture(first.OrderId, key),
                    _ => Requests.VoidOrRefund(first.OrderId, key),
                };
                var reuse = await guard.CheckAsync(Send(second));
                reuse.Outcome.Code.Should().Be(StatusCode.InvalidArgument);
                reuse.Outcome.Reason.Should().Be(ErrorReasons.IdempotencyKeyReused);
                reuse.Changes.Should().BeEmpty("a reused key changes nothing");
            },
            pair => $"pair {pair}",
            output);
        checkedPairs.Should().Be(200);
    }

    /// <summary>Every RPC, with requests built from hostile values and the orders above.</summary>
    private Gen<FuzzCall> Calls()
    {
        var token = Gen.Frequency<string>((4, Gen.OneOf(Tokens)), (1, Gen.Const("tok_unknown")), (2, Hostile.Text));
        var orderId = Hostile.Id(Orders);
        var authorize = Gen.Select(Hostile.Key, orderId, Hostile.Id(Customers), Hostile.Money, token, (key, order, customer, amount, tok) =>
            Call("AuthorizePayment", new AuthorizePaymentRequest
            {
                IdempotencyKey = key,
                OrderId = order,
                CustomerId = customer,
                Amount = amount,
                PaymentMethodToken = tok,
            }, r => Client.AuthorizePaymentAsync(r).ResponseAsync));
        var capture = Gen.Select(Hostile.Key, orderId, Hostile.Money, (key, order, amount) =>
            Call("CapturePayment", new CapturePaymentRequest { IdempotencyKey = key, OrderId = order, Amount = amount },
                r => Client.CapturePaymentAsync(r).ResponseAsync));
        var voidOrRefund = Gen.Select(Hostile.Key, orderId, Gen.OneOf<string>(Gen.Const(""), Gen.Const("customer cancelled"), Hostile.Text), (key, order, reason) =>
            Call("VoidOrRefund", new VoidOrRefundRequest { IdempotencyKey = key, OrderId = order, Reason = reason },
                r => Client.VoidOrRefundAsync(r).ResponseAsync));
        var get = orderId.Select(order =>
            Call("GetPayment", new GetPaymentRequest { OrderId = order }, r => Client.GetPaymentAsync(r).ResponseAsync, isRead: true));
        return Gen.Frequency<FuzzCall>((3, authorize), (3, capture), (2, voidOrRefund), (1, get));
    }

    private static FuzzCall Call<TRequest, TResponse>(string rpc, TRequest request, Func<TRequest, Task<TResponse>> send, bool isRead = false)
        where TRequest : IMessage => new(rpc, request, () => send(request), isRead);

    private FuzzCall Send(IMessage request) => request switch
    {
        AuthorizePaymentRequest r => Call("AuthorizePayment", r, x => Client.AuthorizePaymentAsync(x).ResponseAsync),
        CapturePaymentRequest r => Call("CapturePayment", r, x => Client.CapturePaymentAsync(x).ResponseAsync),
        VoidOrRefundRequest r => Call("VoidOrRefund", r, x => Client.VoidOrRefundAsync(x).ResponseAsync),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Descriptor.FullName, null),
    };

    /// <summary>An authorized EUR payment, an authorized USD payment and a voided one, for the fuzzed calls to meet.</summary>
    private async Task<WriteGuard> SeedPaymentsAsync()
    {
        await Client.AuthorizePaymentAsync(Requests.Authorize("order-eur", amountMinor: 1250));
        await Client.AuthorizePaymentAsync(Requests.Authorize("order-usd", amountMinor: 999, currency: "USD"));
        await Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-void"));
        var connectionString = await Host.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        return new WriteGuard(new SqliteTableCounts(connectionString));
    }

    private Task<Uri> AddressAsync()
    {
        var scope = Host.CreateScope();
        try
        {
            return Task.FromResult(ServiceEndpoint.AddressOf(scope.ServiceProvider));
        }
        finally
        {
            scope.Dispose();
        }
    }

    /// <summary>After a successful call, the order's payment reads back and its amounts add up.</summary>
    private async Task ShouldBeConsistentAsync(FuzzCall call)
    {
        var request = call.WireRequest;
        var orderId = (string)request.Descriptor.FindFieldByName("order_id").Accessor.GetValue(request);
        var payment = await Client.GetPaymentAsync(Requests.Get(orderId));
        payment.OrderId.Should().Be(orderId);
        ShouldAddUp(payment);
    }

    /// <summary>Every payment in the database: captured at most what was authorized, net = captured - refunded, one currency.</summary>
    private async Task ShouldAllBeConsistentAsync()
    {
        var orderIds = await Host.QueryAsync(db => db.Payments.Select(p => p.OrderId).ToListAsync());
        orderIds.Should().NotBeEmpty();
        foreach (var orderId in orderIds)
        {
            ShouldAddUp(await Client.GetPaymentAsync(Requests.Get(orderId)));
        }
    }

    private static void ShouldAddUp(Contracts.Payment.V1.Payment payment)
    {
        if (payment.Tombstone)
        {
            payment.Authorized.Should().BeNull("a tombstone never held money");
            return;
        }

        var currency = payment.Authorized.Currency;
        new[] { payment.Captured, payment.Refunded, payment.Net }.Should().AllSatisfy(m => m.Currency.Should().Be(currency));
        payment.Authorized.AmountMinor.Should().BePositive();
        payment.Captured.AmountMinor.Should().BeInRange(0, payment.Authorized.AmountMinor);
        payment.Refunded.AmountMinor.Should().BeInRange(0, payment.Captured.AmountMinor);
        payment.Net.AmountMinor.Should().Be(payment.Captured.AmountMinor - payment.Refunded.AmountMinor);
    }
}

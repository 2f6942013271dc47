using FoodDelivery.ServiceDefaults.FaultInjection;
using Grpc.Core;

namespace FoodDelivery.Payment.Tests;

/// <summary>The rate-based faults the chaos run uses: seeded transient failures and slow responses after the effect.</summary>
public sealed class RateFaultInjectionTests : PaymentTestBase
{
    /// <summary>Long enough to see the effect before the answer even on a loaded machine.</summary>
    private const int SlowMilliseconds = 10_000;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["FaultInjection:Enabled"] = "true",
        ["FaultInjection:SlowResponseRate"] = "1",
        ["FaultInjection:SlowResponseMilliseconds"] = SlowMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task AuthorizePayment_SlowResponse_EffectCommittedBeforeTheLateAnswerAndARetryAddsNone()
    {
        var request = Requests.Authorize("order-slow");

        using var call = Client.AuthorizePaymentAsync(request, deadline: DateTime.UtcNow.AddSeconds(60));
        await WaitUntilAsync(async () => (await Host.CountRowsAsync()).Payments == 1, TimeSpan.FromSeconds(30));
        call.ResponseAsync.IsCompleted.Should().BeFalse("the answer comes 10 s after the effect");
        (await call.ResponseAsync).Status.Should().Be(Contracts.Payment.V1.PaymentStatus.Authorized);

        var late = await FluentActions.Awaiting(() =>
                Client.AuthorizePaymentAsync(request, deadline: DateTime.UtcNow.AddSeconds(2)).ResponseAsync)
            .Should().ThrowAsync<RpcException>();
        late.Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded, "a slow response outlasts the caller's deadline");
        (await Host.CountRowsAsync()).Should().Be(new RowCounts(Payments: 1, LedgerEntries: 1, IdempotencyRecords: 1));
        Host.Faults.SlowResponsesInjected.Should().Be(2);
    }

    [Fact]
    public void Decide_SameSeedAndRates_SameFaultSequence()
    {
        static string Sequence(int seed)
        {
            var injector = new FaultInjector(new FaultInjectionOptions
            {
                Enabled = true,
                TransientFailureRate = 0.1,
                SlowResponseRate = 0.05,
                SlowResponseMilliseconds = 3000,
                Seed = seed,
            });
            return string.Concat(Enumerable.Range(0, 2000).Select(i =>
            {
                var decision = injector.Decide($"key-{i}");
                return decision.FailTransiently ? 'F' : decision.DelayAfterEffect > TimeSpan.Zero ? 'S' : '.';
            }));
        }

        var first = Sequence(seed: 42);

        first.Should().Be(Sequence(seed: 42));
        first.Should().NotBe(Sequence(seed: 43));
        first.Count(c => c == 'F').Should().BeInRange(140, 260, "about 10% of 2,000 calls fail");
        first.Count(c => c == 'S').Should().BeInRange(50, 140, "about 5% of the 1,800 that do not fail answer late");
    }

    [Fact]
    public void Decide_ReadOnlyCall_NoFaultAndNothingCounted()
    {
        var injector = new FaultInjector(new FaultInjectionOptions { Enabled = true, TransientFailureRate = 1, SlowResponseRate = 1, SlowResponseMilliseconds = 10 });

        injector.Decide(idempotencyKey: null).Should().Be(FaultDecision.None);
        injector.TransientFailuresInjected.Should().Be(0);
        injector.SlowResponsesInjected.Should().Be(0);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within {0}", timeout);
            await Task.Delay(50);
        }
    }
}

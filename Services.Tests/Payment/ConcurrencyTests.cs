using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Persistence;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.Payment.Tests;

public sealed class ConcurrencyTests : PaymentTestBase
{
    private const int Pairs = 20;

    [Fact]
    public async Task CaptureAndVoidOrRefund_TwentyParallelPairs_EachOrderEndsInOneConsistentOutcome()
    {
        var orders = Enumerable.Range(1, Pairs).Select(i => $"order-{i}").ToList();
        foreach (var order in orders)
        {
            await AuthorizeAsync(order);
        }

        // Every capture and every undo in flight at once, each under its own key.
        var captures = orders.Select(o => Attempt(Client.CapturePaymentAsync(Requests.Capture(o)))).ToList();
        var undos = orders.Select(o => Client.VoidOrRefundAsync(Requests.VoidOrRefund(o)).ResponseAsync).ToList();
        await Task.WhenAll(captures.Cast<Task>().Concat(undos));

        for (var i = 0; i < Pairs; i++)
        {
            var (captured, captureError) = await captures[i];
            var undo = await undos[i];
            var ledger = await Host.LedgerKindsAsync(orders[i]);
            if (undo.Outcome == VoidOrRefundOutcome.Refunded)
            {
                // The capture won: it stands, and the undo refunded exactly it.
                captured.Should().NotBeNull();
                ledger.Should().Equal(MovementKind.Authorization, MovementKind.Capture, MovementKind.Refund);
                undo.Payment.Status.Should().Be(PaymentStatus.Refunded);
            }
            else
            {
                // The void won: the late capture is refused and no money ever moved.
                undo.Outcome.Should().Be(VoidOrRefundOutcome.Voided);
                captureError.Should().Be(ErrorReasons.IllegalTransition);
                ledger.Should().Equal(MovementKind.Authorization, MovementKind.Void);
                undo.Payment.Status.Should().Be(PaymentStatus.Voided);
            }

            undo.Payment.Net.AmountMinor.Should().Be(0);
        }
    }

    [Fact]
    public async Task CaptureAndVoidOrRefund_ManyRacersOnOneOrder_AtMostOneCaptureAndExactlyOneUndo()
    {
        await AuthorizeAsync("order-1");

        var captures = Enumerable.Range(1, 10)
            .Select(i => Attempt(Client.CapturePaymentAsync(Requests.Capture("order-1", key: $"capture-{i}"))))
            .ToList();
        var undos = Enumerable.Range(1, 10)
            .Select(i => Client.VoidOrRefundAsync(Requests.VoidOrRefund("order-1", key: $"undo-{i}")).ResponseAsync)
            .ToList();
        await Task.WhenAll(captures.Cast<Task>().Concat(undos));

        var outcomes = (await Task.WhenAll(undos)).Select(u => u.Outcome).ToList();
        outcomes.Count(o => o is VoidOrRefundOutcome.Voided or VoidOrRefundOutcome.Refunded).Should().Be(1);
        outcomes.Count(o => o == VoidOrRefundOutcome.AlreadyUndone).Should().Be(9);
        var ledger = await Host.LedgerKindsAsync("order-1");
        if (outcomes.Contains(VoidOrRefundOutcome.Refunded))
        {
            ledger.Should().Equal(MovementKind.Authorization, MovementKind.Capture, MovementKind.Refund);
        }
        else
        {
            ledger.Should().Equal(MovementKind.Authorization, MovementKind.Void);
            (await Task.WhenAll(captures)).Should().OnlyContain(c => c.Error == ErrorReasons.IllegalTransition);
        }

        (await Client.GetPaymentAsync(Requests.Get("order-1"))).Net.AmountMinor.Should().Be(0);
    }

    [Fact]
    public async Task AuthorizeAndVoidOrRefund_TwentyParallelPairs_NoOrderIsLeftHoldingMoney()
    {
        var orders = Enumerable.Range(1, Pairs).Select(i => $"order-{i}").ToList();

        var authorizations = orders.Select(o => Attempt(Client.AuthorizePaymentAsync(Requests.Authorize(o)))).ToList();
        var undos = orders.Select(o => Client.VoidOrRefundAsync(Requests.VoidOrRefund(o)).ResponseAsync).ToList();
        await Task.WhenAll(authorizations.Cast<Task>().Concat(undos));

        for (var i = 0; i < Pairs; i++)
        {
            var (authorized, authorizeError) = await authorizations[i];
            var undo = await undos[i];
            var ledger = await Host.LedgerKindsAsync(orders[i]);
            if (undo.Outcome == VoidOrRefundOutcome.NothingToUndo)
            {
                // The undo came first: a tombstone, and the late authorization was refused without a ledger entry.
                authorizeError.Should().Be(ErrorReasons.PaymentVoided);
                ledger.Should().BeEmpty();
            }
            else
            {
                undo.Outcome.Should().Be(VoidOrRefundOutcome.Voided);
                authorized.Should().NotBeNull();
                ledger.Should().Equal(MovementKind.Authorization, MovementKind.Void);
            }

            (await Client.GetPaymentAsync(Requests.Get(orders[i]))).Status.Should().Be(PaymentStatus.Voided);
        }
    }

    [Fact]
    public async Task SaveChanges_StalePaymentVersion_ThrowsConcurrencyException()
    {
        // SQLite serializes write transactions anyway; SQL Server does not, and relies on this token.
        await AuthorizeAsync("order-1");
        await using var scopeA = Host.CreateScope();
        await using var scopeB = Host.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<PaymentDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<PaymentDbContext>();
        var paymentA = await dbA.Payments.SingleAsync();
        var paymentB = await dbB.Payments.SingleAsync();

        dbA.Entry(paymentA).Property(p => p.UndoReason).CurrentValue = "writer A";
        await dbA.SaveChangesAsync();
        dbB.Entry(paymentB).Property(p => p.UndoReason).CurrentValue = "writer B";

        await FluentActions.Awaiting(() => dbB.SaveChangesAsync()).Should().ThrowAsync<DbUpdateConcurrencyException>();
        (await Host.QueryAsync(db => db.Payments.SingleAsync())).Should().BeEquivalentTo(new { UndoReason = "writer A", Version = 1L });
    }

    [Fact]
    public async Task SaveChanges_TwoWritersAppendTheSameLedgerStep_SecondWriterIsRejected()
    {
        await AuthorizeAsync("order-1");
        await using var scopeA = Host.CreateScope();
        await using var scopeB = Host.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<PaymentDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<PaymentDbContext>();
        var paymentA = await dbA.Payments.Include(p => p.Ledger).SingleAsync();
        var paymentB = await dbB.Payments.Include(p => p.Ledger).SingleAsync();

        paymentA.Capture(paymentA.AuthorizedMinor, DateTime.UtcNow);
        await dbA.SaveChangesAsync();
        paymentB.Void("racing undo", DateTime.UtcNow);

        // Both the version token and the unique (PaymentId, Sequence) index refuse it; either is enough.
        await FluentActions.Awaiting(() => dbB.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
        (await Host.LedgerKindsAsync("order-1")).Should().Equal(MovementKind.Authorization, MovementKind.Capture);
    }

    /// <summary>The call's response, or the ErrorInfo reason it failed with.</summary>
    private static async Task<(T? Response, string? Error)> Attempt<T>(AsyncUnaryCall<T> call)
        where T : class
    {
        try
        {
            return (await call.ResponseAsync, null);
        }
        catch (RpcException ex)
        {
            return (null, ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? ex.StatusCode.ToString());
        }
    }
}

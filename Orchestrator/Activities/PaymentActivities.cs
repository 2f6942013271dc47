using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Payment.V1;
using Microsoft.Extensions.Options;
using Temporalio.Activities;

namespace FoodDelivery.Orchestrator.Activities;

/// <summary>The saga's calls to the Payment service: authorize, capture, and void or refund.</summary>
public sealed class PaymentActivities(PaymentService.PaymentServiceClient client, IOptions<ServiceCallOptions> options)
{
    private const string Service = "payment";

    [Activity]
    public async Task<PaymentResult> AuthorizePaymentAsync(AuthorizePaymentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new AuthorizePaymentRequest
        {
            IdempotencyKey = input.IdempotencyKey,
            OrderId = input.OrderId,
            CustomerId = input.CustomerId,
            Amount = new Money { AmountMinor = input.AmountMinor, Currency = input.Currency },
            PaymentMethodToken = input.PaymentMethodToken,
        };
        var payment = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.AuthorizePaymentAsync(request, o));
        return ToResult(payment);
    }

    [Activity]
    public async Task<PaymentResult> CapturePaymentAsync(OrderStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new CapturePaymentRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId };
        var payment = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.CapturePaymentAsync(request, o));
        return ToResult(payment);
    }

    /// <summary>Compensation of AuthorizePayment and CapturePayment: voids an authorization, refunds a capture.</summary>
    [Activity]
    public async Task<CompensationResult> VoidOrRefundAsync(CompensationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new VoidOrRefundRequest { IdempotencyKey = input.IdempotencyKey, OrderId = input.OrderId, Reason = input.Reason };
        var response = await ServiceCall.InvokeAsync(
            Service, options.Value.CallDeadline, o => client.VoidOrRefundAsync(request, o));
        var undid = response.Outcome is VoidOrRefundOutcome.Voided or VoidOrRefundOutcome.Refunded;
        return new CompensationResult(undid, response.Outcome.ToString());
    }

    private static PaymentResult ToResult(Payment payment) => new(
        payment.PaymentId,
        payment.Status.ToString(),
        payment.Authorized?.AmountMinor ?? 0,
        payment.Captured?.AmountMinor ?? 0);
}

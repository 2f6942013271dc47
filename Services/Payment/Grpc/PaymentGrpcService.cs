using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment.Domain;
using FoodDelivery.Payment.Persistence;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Payment.Grpc;

/// <summary>
/// The gRPC edge of the payment service: validate the request, then run its effect once per idempotency key.
/// The rules themselves live in the handlers under Domain/.
/// </summary>
// Internal API: writes come only from the saga worker; reads also from other services (e.g. pricing).
[AllowCallers(TokenAudience.Internal, Roles.Orchestrator)]
public sealed class PaymentGrpcService(
    IdempotentExecutor<PaymentDbContext> executor,
    PaymentDbContext db,
    AuthorizePaymentHandler authorize,
    CapturePaymentHandler capture,
    VoidOrRefundHandler voidOrRefund,
    IOptions<PaymentOptions> options) : PaymentService.PaymentServiceBase
{
    public override Task<Contracts.Payment.V1.Payment> AuthorizePayment(AuthorizePaymentRequest request, ServerCallContext context)
    {
        PaymentRequestValidation.Validate(request, options.Value);
        return executor.ExecuteAsync(
            "AuthorizePayment", request, ct => authorize.HandleAsync(request, ct), context.CancellationToken);
    }

    public override Task<Contracts.Payment.V1.Payment> CapturePayment(CapturePaymentRequest request, ServerCallContext context)
    {
        PaymentRequestValidation.Validate(request, options.Value);
        return executor.ExecuteAsync(
            "CapturePayment", request, ct => capture.HandleAsync(request, ct), context.CancellationToken);
    }

    public override Task<VoidOrRefundResponse> VoidOrRefund(VoidOrRefundRequest request, ServerCallContext context)
    {
        PaymentRequestValidation.Validate(request);
        return executor.ExecuteAsync(
            "VoidOrRefund", request, ct => voidOrRefund.HandleAsync(request, ct), context.CancellationToken);
    }

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<Contracts.Payment.V1.Payment> GetPayment(GetPaymentRequest request, ServerCallContext context)
    {
        PaymentRequestValidation.Validate(request);
        var payment = await db.Payments.AsNoTracking().FindByOrderAsync(request.OrderId, context.CancellationToken)
            ?? throw ServiceErrors.NotFound("payment for order", request.OrderId);
        return PaymentMapper.ToContract(payment);
    }
}

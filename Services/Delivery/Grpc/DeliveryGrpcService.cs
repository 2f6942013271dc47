using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Assignments;
using FoodDelivery.Delivery.Persistence;
using FoodDelivery.ServiceDefaults.Idempotency;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using AssignmentMessage = FoodDelivery.Contracts.Delivery.V1.Assignment;

namespace FoodDelivery.Delivery.Grpc;

/// <summary>
/// The DeliveryService RPCs. Thin on purpose: validate the request (nothing is written for a bad one), then run the
/// handler's effect once per idempotency key through <see cref="IdempotentExecutor{TContext}"/>.
/// </summary>
// Internal API: writes come only from the saga worker; reads also from other services (e.g. pricing).
[AllowCallers(TokenAudience.Internal, Roles.Orchestrator)]
public sealed class DeliveryGrpcService(
    DeliveryDbContext db,
    IdempotentExecutor<DeliveryDbContext> executor,
    AssignCourierHandler assignCourier,
    CancelAssignmentHandler cancelAssignment,
    ConfirmPickupHandler confirmPickup,
    ConfirmDeliveredHandler confirmDelivered) : DeliveryService.DeliveryServiceBase
{
    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<ListCouriersResponse> ListCouriers(ListCouriersRequest request, ServerCallContext context)
    {
        var couriers = await db.Couriers.AsNoTracking().OrderBy(c => c.CourierId).ToListAsync(context.CancellationToken);
        return new ListCouriersResponse { Couriers = { couriers.Select(c => c.ToMessage()) } };
    }

    [AllowCallers(TokenAudience.Internal, Roles.Orchestrator, Roles.Service)]
    public override async Task<AssignmentMessage> GetAssignment(GetAssignmentRequest request, ServerCallContext context)
    {
        new RequestValidator().Id(request.OrderId, "order_id").ThrowIfInvalid();
        var assignment = await db.Assignments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.OrderId == request.OrderId, context.CancellationToken)
            ?? throw DeliveryErrors.AssignmentNotFound(request.OrderId);
        return assignment.ToMessage();
    }

    public override Task<AssignmentMessage> AssignCourier(AssignCourierRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Address(request.Pickup, "pickup")
            .Address(request.Dropoff, "dropoff")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(nameof(AssignCourier), request, ct => assignCourier.HandleAsync(request, ct), context.CancellationToken);
    }

    public override Task<CancelAssignmentResponse> CancelAssignment(CancelAssignmentRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Text(request.Reason, "reason")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(nameof(CancelAssignment), request, ct => cancelAssignment.HandleAsync(request, ct), context.CancellationToken);
    }

    public override Task<AssignmentMessage> ConfirmPickup(ConfirmPickupRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Id(request.CourierId, "courier_id")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(nameof(ConfirmPickup), request, ct => confirmPickup.HandleAsync(request, ct), context.CancellationToken);
    }

    public override Task<AssignmentMessage> ConfirmDelivered(ConfirmDeliveredRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Id(request.CourierId, "courier_id")
            .ThrowIfInvalid();
        return executor.ExecuteAsync(nameof(ConfirmDelivered), request, ct => confirmDelivered.HandleAsync(request, ct), context.CancellationToken);
    }
}

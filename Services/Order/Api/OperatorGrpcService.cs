using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Order.Ordering;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;

namespace FoodDelivery.Order.Api;

/// <summary>Operators' answers to an order in NEEDS_ATTENTION: retry the failed compensation, or resolve it by hand.</summary>
[AllowCallers(TokenAudience.Clients, Roles.Operator)]
public sealed class OperatorGrpcService(OrderViews views, SagaGateway sagas) : OperatorApi.OperatorApiBase
{
    public override Task<FulfillmentResponse> RetryCompensation(OperatorRequest request, ServerCallContext context)
    {
        OrderingRequestValidation.ValidateOperator(request, noteRequired: false);
        return SendAsync(request, new OperatorCommand(OperatorAction.Retry, NullIfEmpty(request.Note)), context);
    }

    public override Task<FulfillmentResponse> ResolveOrder(OperatorRequest request, ServerCallContext context)
    {
        OrderingRequestValidation.ValidateOperator(request, noteRequired: true);
        return SendAsync(request, new OperatorCommand(OperatorAction.Resolve, request.Note), context);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private async Task<FulfillmentResponse> SendAsync(OperatorRequest request, OperatorCommand command, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = await sagas.QueryStatusAsync(request.OrderId, context.CancellationToken)
            ?? throw ServiceErrors.NotFound("order saga", request.OrderId);
        if (status.State != SagaState.NeedsAttention)
        {
            throw ServiceErrors.Rejected(
                ErrorReasons.IllegalTransition,
                $"order '{request.OrderId}' is {status.State}, not NeedsAttention: there is nothing for an operator to do",
                [new("state", status.State.ToString())]);
        }

        await sagas.SignalAsync(request.OrderId, wf => wf.OperatorCommandAsync(command), context.CancellationToken);
        return new FulfillmentResponse { View = await views.GetAsync(request.OrderId, context.CancellationToken) };
    }
}

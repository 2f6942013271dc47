using System.Security.Cryptography;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Orchestrator;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.ServiceDefaults.Errors;
using Google.Protobuf;

namespace FoodDelivery.Order.Ordering;

/// <summary>
/// PlaceOrder: prices the order, then starts its saga with a workflow id derived from (customer, client request id).
/// There is no dual write: the saga itself records the order, so a crash between "accepted" and "recorded" cannot lose
/// or duplicate it, and a repeated request finds the same workflow and never starts a second one.
/// </summary>
public sealed class PlaceOrderHandler(OrderPricer pricer, SagaGateway sagas, SagaTimeoutsProvider timeouts)
{
    public async Task<PlaceOrderResponse> PlaceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var orderId = WireNames.OrderIdFor(request.CustomerId, request.ClientRequestId);
        var fingerprint = Fingerprint(request);
        var response = new PlaceOrderResponse { OrderId = orderId, WorkflowId = WireNames.WorkflowIdFor(orderId) };

        // A repeat must not depend on today's menu: answer it from what the first request started.
        if (await TryDescribeExistingAsync(orderId, fingerprint, response, cancellationToken))
        {
            return response;
        }

        var priced = await pricer.PriceAsync(request.RestaurantId, request.Items, cancellationToken);
        var address = request.DeliveryAddress;
        var input = new OrderSagaInput(
            orderId,
            request.CustomerId,
            request.RestaurantId,
            priced.Lines,
            priced.Currency,
            priced.TotalMinor,
            priced.PickupAddress,
            new SagaAddress(address.Street, address.City, address.PostalCode, address.Country),
            request.PaymentMethodToken,
            timeouts.Current);
        if (!await sagas.StartAsync(input, fingerprint, cancellationToken))
        {
            // Started concurrently by an identical request a moment ago.
            await TryDescribeExistingAsync(orderId, fingerprint, response, cancellationToken);
            return response;
        }

        response.Total = new Money { AmountMinor = priced.TotalMinor, Currency = priced.Currency };
        return response;
    }

    private async Task<bool> TryDescribeExistingAsync(
        string orderId, string fingerprint, PlaceOrderResponse response, CancellationToken cancellationToken)
    {
        (string Fingerprint, long TotalMinor, string Currency) started;
        try
        {
            started = await sagas.DescribeStartAsync(orderId, cancellationToken);
        }
        catch (ServiceException notFound) when (notFound.Code == Grpc.Core.StatusCode.NotFound)
        {
            return false;
        }

        if (started.Fingerprint != fingerprint)
        {
            throw ServiceErrors.IdempotencyKeyReused(orderId);
        }

        response.Existing = true;
        response.Total = new Money { AmountMinor = started.TotalMinor, Currency = started.Currency };
        return true;
    }

    /// <summary>SHA-256 of the request: the same client request id with any other content is a different request.</summary>
    private static string Fingerprint(PlaceOrderRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
}

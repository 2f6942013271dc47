using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.Order.Domain;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace FoodDelivery.Order.Orders;

/// <summary>
/// Checks every order request before anything is written; a bad request is refused once with INVALID_ARGUMENT naming
/// every bad field.
/// </summary>
public static class OrderRequestValidation
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 100;

    public static void ValidateCreate(CreateOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validator = new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id")
            .Id(request.CustomerId, "customer_id")
            .Id(request.RestaurantId, "restaurant_id");
        var lines = request.Lines;
        validator.Items([.. lines.Select(l => new ItemQuantity { ItemId = l.ItemId, Quantity = l.Quantity })], "lines", MaxLines, MaxQuantity);
        var currencyMismatch = false;
        if (lines.Count is > 0 and <= MaxLines)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                validator.Text(lines[i].Name, $"lines[{i}].name", required: true);
                validator.Money(lines[i].UnitPrice, $"lines[{i}].unit_price");
            }

            currencyMismatch = CheckOneCurrency(lines, validator);
            CheckTotalFits(lines, validator);
        }

        validator.Address(request.DeliveryAddress, "delivery_address");
        if (currencyMismatch)
        {
            // Still INVALID_ARGUMENT with the field violations, but with a reason a caller can tell apart.
            ThrowWithReason(validator, ErrorReasons.CurrencyMismatch);
        }

        validator.ThrowIfInvalid();
    }

    public static void ValidateTransition(TransitionOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validator = new RequestValidator()
            .IdempotencyKey(request.IdempotencyKey)
            .Id(request.OrderId, "order_id");
        if (!OrderStateMachine.IsKnown(request.To))
        {
            validator.Add("to", "must be an order status other than ORDER_STATUS_UNSPECIFIED");
        }

        validator.Text(request.Reason, "reason", required: OrderStateMachine.RequiresReason(request.To));
        validator.ThrowIfInvalid();
    }

    public static void ValidateGet(GetOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new RequestValidator().Id(request.OrderId, "order_id").ThrowIfInvalid();
    }

    /// <summary>
    /// True when a line is priced in another currency than the first well-formed one (each such line is named).
    /// Malformed codes are already reported by the money check and take no part here.
    /// </summary>
    private static bool CheckOneCurrency(IReadOnlyList<OrderLine> lines, RequestValidator validator)
    {
        var reference = lines.Select((line, index) => (Currency: line.UnitPrice?.Currency, Index: index))
            .FirstOrDefault(l => IsCurrencyCode(l.Currency));
        var mismatch = false;
        for (var i = reference.Index + 1; i < lines.Count && reference.Currency is not null; i++)
        {
            var currency = lines[i].UnitPrice?.Currency;
            if (IsCurrencyCode(currency) && !string.Equals(currency, reference.Currency, StringComparison.Ordinal))
            {
                validator.Add(
                    $"lines[{i}].unit_price.currency",
                    $"must be {reference.Currency} like lines[{reference.Index}]: an order has one currency");
                mismatch = true;
            }
        }

        return mismatch;
    }

    private static bool IsCurrencyCode(string? value) => new RequestValidator().Currency(value, "currency").IsValid;

    private static void CheckTotalFits(IReadOnlyList<OrderLine> lines, RequestValidator validator)
    {
        var priced = lines.All(l => l.UnitPrice is { AmountMinor: > 0 } && l.Quantity is > 0 and <= MaxQuantity);
        if (priced && OrderPricing.TryTotal(lines.Select(l => (l.Quantity, l.UnitPrice.AmountMinor))) is null)
        {
            validator.Add("lines", "the order total does not fit in 64-bit minor units");
        }
    }

    private static void ThrowWithReason(RequestValidator validator, string reason)
    {
        try
        {
            validator.ThrowIfInvalid();
        }
        catch (ServiceException refusal)
        {
            var status = refusal.Status.Clone();
            var info = status.Details.Select((detail, index) => (detail, index)).First(d => d.detail.Is(ErrorInfo.Descriptor));
            var reasoned = info.detail.Unpack<ErrorInfo>();
            reasoned.Reason = reason;
            status.Details[info.index] = Any.Pack(reasoned);
            throw new ServiceException(status, retryable: false);
        }
    }
}

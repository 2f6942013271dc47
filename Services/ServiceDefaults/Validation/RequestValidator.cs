using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.ServiceDefaults.Errors;
using Google.Rpc;

namespace FoodDelivery.ServiceDefaults.Validation;

/// <summary>
/// Collects every problem with a request, then refuses it once with INVALID_ARGUMENT naming each bad field.
/// Validation runs before any write, so a bad request changes nothing.
/// </summary>
public sealed class RequestValidator
{
    /// <summary>Upper bound for ids and keys: long enough for "{orderId}:{step}", short enough to index.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Upper bound for free text such as reasons and names.</summary>
    public const int MaxTextLength = 1000;

    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public RequestValidator Add(string field, string description)
    {
        _violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return this;
    }

    /// <summary>A required identifier: non-empty, at most <see cref="MaxIdLength"/> characters, no control or blank characters.</summary>
    public RequestValidator Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Add(field, "is required");
        }

        if (value.Length > MaxIdLength)
        {
            return Add(field, $"must be at most {MaxIdLength} characters");
        }

        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return Add(field, "must not contain spaces or control characters");
        }

        return this;
    }

    public RequestValidator IdempotencyKey(string? value) => Id(value, "idempotency_key");

    /// <summary>Optional free text: at most <see cref="MaxTextLength"/> characters, no control characters.</summary>
    public RequestValidator Text(string? value, string field, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "is required") : this;
        }

        if (value.Length > MaxTextLength)
        {
            return Add(field, $"must be at most {MaxTextLength} characters");
        }

        return value.Any(char.IsControl) ? Add(field, "must not contain control characters") : this;
    }

    public RequestValidator Positive(long value, string field, long max = int.MaxValue)
    {
        if (value <= 0)
        {
            return Add(field, "must be greater than zero");
        }

        return value > max ? Add(field, $"must be at most {max}") : this;
    }

    /// <summary>Money: present, a non-negative (or positive) amount, and an ISO 4217 code of three capital letters.</summary>
    public RequestValidator Money(Money? value, string field, bool mustBePositive = true)
    {
        if (value is null)
        {
            return Add(field, "is required");
        }

        if (value.AmountMinor < 0 || (mustBePositive && value.AmountMinor == 0))
        {
            Add($"{field}.amount_minor", mustBePositive ? "must be greater than zero" : "must not be negative");
        }

        return Currency(value.Currency, $"{field}.currency");
    }

    public RequestValidator Currency(string? value, string field)
    {
        var valid = value is { Length: 3 } && value.All(c => c is >= 'A' and <= 'Z');
        return valid ? this : Add(field, "must be an ISO 4217 code of three capital letters, e.g. EUR");
    }

    /// <summary>Item lines: at least one, each with an id and a positive quantity, and no item twice.</summary>
    public RequestValidator Items(IReadOnlyList<ItemQuantity> items, string field, int maxLines = 100, int maxQuantity = 100)
    {
        if (items.Count == 0)
        {
            return Add(field, "must contain at least one item");
        }

        if (items.Count > maxLines)
        {
            return Add(field, $"must contain at most {maxLines} items");
        }

        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            Id(items[i].ItemId, $"{field}[{i}].item_id");
            Positive(items[i].Quantity, $"{field}[{i}].quantity", maxQuantity);
            if (!string.IsNullOrEmpty(items[i].ItemId) && !firstLine.TryAdd(items[i].ItemId, i))
            {
                // Name the earlier line, not the id: an id can be any length here, and the refusal must stay small.
                Add($"{field}[{i}].item_id", $"repeats the item of {field}[{firstLine[items[i].ItemId]}]; an item appears once");
            }
        }

        return this;
    }

    public RequestValidator Address(Address? value, string field)
    {
        if (value is null)
        {
            return Add(field, "is required");
        }

        Text(value.Street, $"{field}.street", required: true);
        Text(value.City, $"{field}.city", required: true);
        Text(value.PostalCode, $"{field}.postal_code", required: true);
        var countryValid = value.Country is { Length: 2 } && value.Country.All(c => c is >= 'A' and <= 'Z');
        return countryValid ? this : Add($"{field}.country", "must be an ISO 3166-1 alpha-2 code, e.g. DE");
    }

    /// <summary>Throws INVALID_ARGUMENT listing every violation found so far; does nothing when the request is valid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw ServiceErrors.InvalidArgument(_violations);
        }
    }
}

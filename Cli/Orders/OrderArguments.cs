using System.Globalization;
using FoodDelivery.Contracts.Common.V1;

namespace FoodDelivery.Cli.Orders;

/// <summary>Parses the order's command-line values: items as "item-id:quantity", the address as four comma-separated parts.</summary>
public static class OrderArguments
{
    public const string ItemFormat = "ITEM:QUANTITY, e.g. item-margherita:2";
    public const string AddressFormat = "\"street, city, postal code, country\", e.g. \"Skalitzer Strasse 1, Berlin, 10999, DE\"";

    public static bool TryParseItem(string text, out ItemQuantity item, out string error)
    {
        item = new ItemQuantity();
        error = string.Empty;
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length != 2 || parts[0].Trim().Length == 0)
        {
            error = $"--item '{text}' is not {ItemFormat}";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
        {
            error = $"--item '{text}': the quantity must be a whole number of at least 1";
            return false;
        }

        item = new ItemQuantity { ItemId = parts[0].Trim(), Quantity = quantity };
        return true;
    }

    public static bool TryParseAddress(string text, out Address address, out string error)
    {
        address = new Address();
        error = string.Empty;
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || parts.Any(p => p.Length == 0))
        {
            error = $"--address '{text}' is not {AddressFormat}";
            return false;
        }

        address = new Address { Street = parts[0], City = parts[1], PostalCode = parts[2], Country = parts[3] };
        return true;
    }
}

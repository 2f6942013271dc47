using System.Globalization;
using FoodDelivery.Contracts.Common.V1;
using Google.Protobuf.WellKnownTypes;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>How values read on screen: money from integer minor units, timestamps in UTC, lists joined.</summary>
public static class Display
{
    /// <summary>2450 EUR -> "24.50 EUR" (our currencies have two decimals).</summary>
    public static string Money(Money? money) =>
        money is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{money.AmountMinor / 100m:0.00} {money.Currency}");

    public static string Time(Timestamp? at) =>
        at is null ? "-" : at.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<string> values, string separator = ", ") =>
        values.Any() ? string.Join(separator, values) : "-";

    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    /// <summary>OrderStatus.PickedUp -> PICKED_UP, as the proto names it without its prefix.</summary>
    public static string Status(Contracts.Order.V1.OrderStatus status) => UpperSnake(status.ToString());

    /// <summary>PickedUp -> PICKED_UP, FailedPrecondition -> FAILED_PRECONDITION: how the wire names read.</summary>
    public static string UpperSnake(string pascalCase)
    {
        ArgumentNullException.ThrowIfNull(pascalCase);
        var builder = new System.Text.StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascalCase[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascalCase[i]));
        }

        return builder.ToString();
    }

    public static string Seconds(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");
}

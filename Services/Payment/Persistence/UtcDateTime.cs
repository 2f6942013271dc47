using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoodDelivery.Payment.Persistence;

/// <summary>
/// Times are stored as UTC <see cref="DateTime"/> (SQLite cannot compare DateTimeOffset). Providers hand them back with
/// an unspecified kind; this converter marks them UTC again so they convert to protobuf Timestamps.
/// </summary>
internal static class UtcDateTime
{
    public static readonly ValueConverter<DateTime, DateTime> Converter = new(
        value => value,
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

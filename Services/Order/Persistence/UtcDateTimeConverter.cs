using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoodDelivery.Order.Persistence;

/// <summary>
/// Times are stored as UTC DateTime (SQLite cannot compare DateTimeOffset); this marks them as UTC again when read,
/// because neither provider keeps DateTimeKind and protobuf Timestamps accept only UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    // Unspecified is taken as UTC already (ToUniversalTime would read it as local time and shift it).
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

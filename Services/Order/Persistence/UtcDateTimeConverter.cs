using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoodDelivery.Order.Persistence;

/// <summary>
/// Times are stored as UTC DateTime (SQLite cannot compare DateTimeOffset); this marks them as UTC again when read,
/// because neither provider keeps DateTimeKind and protobuf Timestamps accept only UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.ToUniversalTime(),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

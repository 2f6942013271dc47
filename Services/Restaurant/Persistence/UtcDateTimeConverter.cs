using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoodDelivery.Restaurant.Persistence;

/// <summary>
/// Stores DateTime values as they are (always UTC in this service) and marks them UTC when read back, because the
/// databases keep no kind and protobuf Timestamps require UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

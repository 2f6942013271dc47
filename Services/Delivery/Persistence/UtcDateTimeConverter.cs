using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoodDelivery.Delivery.Persistence;

/// <summary>Writes times as UTC and reads them back with <see cref="DateTimeKind.Utc"/>, whatever the provider returns.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

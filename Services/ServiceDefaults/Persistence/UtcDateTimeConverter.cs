using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoodDelivery.ServiceDefaults.Persistence;

/// <summary>
/// Times are stored as UTC DateTime (EF Core on SQLite cannot compare DateTimeOffset). Neither provider keeps
/// DateTimeKind, so this marks values read back as UTC again: protobuf Timestamps accept only UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : toStore,
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoodDelivery.ServiceDefaults.Idempotency;

/// <summary>
/// The outcome of one mutating request, stored under its idempotency key in the same transaction as its effect.
/// A repeat of the request replays <see cref="Response"/> (or the stored refusal) and makes no second effect.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; init; }

    /// <summary>The RPC that used the key, e.g. "ReserveItems".</summary>
    public required string Operation { get; init; }

    /// <summary>SHA-256 of the request without its key: the same key with other content is refused.</summary>
    public required byte[] RequestHash { get; init; }

    /// <summary>The serialized response message; null when the request was refused.</summary>
    public byte[]? Response { get; init; }

    /// <summary>The serialized google.rpc.Status of a final refusal; null on success.</summary>
    public byte[]? Error { get; init; }

    public DateTime CreatedAt { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(128);
        builder.Property(r => r.Operation).HasMaxLength(64);
        builder.Property(r => r.RequestHash).HasMaxLength(32);
        builder.HasIndex(r => r.CreatedAt);
    }
}

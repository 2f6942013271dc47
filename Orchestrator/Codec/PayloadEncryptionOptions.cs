using Microsoft.Extensions.Configuration;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// The keys that encrypt workflow payloads, from the "Temporal:Encryption" configuration section:
/// <c>Temporal:Encryption:ActiveKeyId</c> names the key new payloads are encrypted with, and
/// <c>Temporal:Encryption:Keys:&lt;id&gt;</c> holds each key as base64 of 32 random bytes. Rotation: add the new key,
/// make it active, keep the old ones for as long as histories encrypted with them are read.
/// With nothing configured, the published <see cref="DevelopmentKeyId"/> key is used: fine for the demo and tests,
/// refused in Production (<see cref="DevelopmentKeyGuard"/>).
/// </summary>
public sealed record PayloadEncryptionOptions
{
    public const string SectionName = "Temporal:Encryption";

    /// <summary>Id of the built-in development key: anyone can read this source, so it protects nothing.</summary>
    public const string DevelopmentKeyId = "development";

    /// <summary>Id of the key that encrypts new payloads; null with no keys configured (the development key).</summary>
    public string? ActiveKeyId { get; init; }

    /// <summary>Key id to base64 of 32 bytes (AES-256). Every key here can decrypt.</summary>
    public Dictionary<string, string> Keys { get; init; } = [];

    /// <summary>True when neither an active key nor any key is configured: the development key is used.</summary>
    public bool UsesDevelopmentKey => ActiveKeyId is null && Keys.Count == 0;

    /// <summary>Nothing configured: the development key (32 fixed bytes, public by design). A new instance each time,
    /// since configuration binding may fill one in.</summary>
    public static PayloadEncryptionOptions Development => new();

    public static PayloadEncryptionOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var keys = section.GetSection(nameof(Keys)).GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .ToDictionary(child => child.Key, child => child.Value!, StringComparer.Ordinal);
        var active = section[nameof(ActiveKeyId)];
        return new PayloadEncryptionOptions { ActiveKeyId = string.IsNullOrWhiteSpace(active) ? null : active, Keys = keys };
    }

    /// <summary>
    /// The configuration entries that reproduce these options, e.g. to hand them to in-process services, whose
    /// configuration starts empty.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> ToSettings()
    {
        if (ActiveKeyId is not null)
        {
            yield return new($"{SectionName}:{nameof(ActiveKeyId)}", ActiveKeyId);
        }

        foreach (var (id, key) in Keys)
        {
            yield return new($"{SectionName}:{nameof(Keys)}:{id}", key);
        }
    }
}

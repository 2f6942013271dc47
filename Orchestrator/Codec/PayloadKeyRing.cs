namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// The validated keys of <see cref="PayloadEncryptionOptions"/>: the active one (encrypts) and every one by id
/// (decrypts). A bad configuration is refused here, at startup, with one sentence naming the setting.
/// </summary>
public sealed class PayloadKeyRing
{
    public const int KeySizeBytes = 32;

    // Public by design (it is in the source): only for the embedded default, refused in Production.
    private static readonly byte[] DevelopmentKey = Convert.FromBase64String("Rm9vZERlbGl2ZXJ5IGRldmVsb3BtZW50IGtleSEhISE=");

    private readonly Dictionary<string, byte[]> _keys;

    private PayloadKeyRing(string activeKeyId, Dictionary<string, byte[]> keys)
    {
        ActiveKeyId = activeKeyId;
        _keys = keys;
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>The key with this id, or null when it is not configured.</summary>
    public byte[]? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>Validates <paramref name="options"/>; throws <see cref="InvalidOperationException"/> naming what is wrong.</summary>
    public static PayloadKeyRing From(PayloadEncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesDevelopmentKey)
        {
            return new PayloadKeyRing(
                PayloadEncryptionOptions.DevelopmentKeyId,
                new Dictionary<string, byte[]>(StringComparer.Ordinal) { [PayloadEncryptionOptions.DevelopmentKeyId] = DevelopmentKey });
        }

        var section = PayloadEncryptionOptions.SectionName;
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, encoded) in options.Keys)
        {
            keys[id] = Decode(id, encoded, section);
        }

        if (options.ActiveKeyId is null)
        {
            throw new InvalidOperationException(
                $"{section}:ActiveKeyId is not set: name which of the configured keys ({string.Join(", ", keys.Keys)}) encrypts new payloads");
        }

        if (!keys.ContainsKey(options.ActiveKeyId))
        {
            throw new InvalidOperationException(
                $"{section}:ActiveKeyId '{options.ActiveKeyId}' has no key: set {section}:Keys:{options.ActiveKeyId} to base64 of {KeySizeBytes} random bytes");
        }

        return new PayloadKeyRing(options.ActiveKeyId, keys);
    }

    private static byte[] Decode(string id, string encoded, string section)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{section}:Keys:{id} is not base64 (expected {KeySizeBytes} random bytes, e.g. from `openssl rand -base64 32`)");
        }

        if (key.Length != KeySizeBytes)
        {
            throw new InvalidOperationException(
                $"{section}:Keys:{id} is {key.Length} bytes; AES-256 needs exactly {KeySizeBytes} (e.g. `openssl rand -base64 32`)");
        }

        return key;
    }
}

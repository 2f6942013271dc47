using Microsoft.Extensions.Configuration;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// The optional codec HTTP endpoint for the Temporal Web UI, from the "Temporal:Codec" section: off unless
/// <c>Temporal:Codec:Url</c> is set (e.g. http://127.0.0.1:8081). Whoever reaches it can decrypt payloads: bind it to
/// loopback, or put it behind the same access control as the UI.
/// </summary>
public sealed record CodecEndpointOptions
{
    public const string SectionName = "Temporal:Codec";

    /// <summary>Where to listen, e.g. http://127.0.0.1:8081 (port 0: any free port). Null: no endpoint.</summary>
    public Uri? Url { get; init; }

    /// <summary>Browser origins allowed to call it (the Web UI's, e.g. http://localhost:8080); comma-separated in configuration.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public static CodecEndpointOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        Uri? url = null;
        if (section[nameof(Url)] is { Length: > 0 } text
            && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"{SectionName}:Url must be an http(s) address such as http://127.0.0.1:8081, not '{text}'");
        }

        var origins = (section[nameof(CorsOrigins)] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CodecEndpointOptions { Url = url, CorsOrigins = origins };
    }
}

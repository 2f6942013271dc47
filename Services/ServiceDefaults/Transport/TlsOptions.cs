using Microsoft.Extensions.Configuration;

namespace FoodDelivery.ServiceDefaults.Transport;

/// <summary>
/// TLS between the services and their callers, bound from "Transport:Tls". Off by default: with no certificate
/// configured a service listens h2c (cleartext HTTP/2) and callers use plain channels, as the embedded default does.
/// The server half (<see cref="CertificatePath"/>...) makes a service listen HTTPS and, with
/// <see cref="RequireClientCertificate"/>, refuse any caller without a certificate of <see cref="ClientCaPath"/>; the
/// client half (<see cref="ClientCertificatePath"/>...) is what a caller presents and trusts on https:// addresses.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "Transport:Tls";

    /// <summary>PEM certificate the service presents (its DNS names as SANs); set: the service listens HTTPS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>; unset when the certificate file holds the key too.</summary>
    public string? KeyPath { get; set; }

    /// <summary>PEM of the private CA that signs the callers' certificates; the only one trusted for them.</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>True: a caller without a valid certificate of <see cref="ClientCaPath"/> is refused at the handshake.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>PEM certificate this process presents when it calls a service over https:// (client authentication).</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificatePath"/>; unset when the certificate file holds the key too.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>PEM of the private CA that signs the services' certificates; unset: the system's roots.</summary>
    public string? ServerCaPath { get; set; }

    /// <summary>True when this process listens HTTPS.</summary>
    public bool ServesTls => CertificatePath is not null;

    /// <summary>True when this process's calls to https:// services need more than the system's defaults.</summary>
    public bool HasClientSettings => ClientCertificatePath is not null || ServerCaPath is not null;

    /// <summary>"h2c", "TLS" or "mTLS": how the service listens, for its start-up line.</summary>
    public string ListenMode => !ServesTls ? "h2c" : RequireClientCertificate ? "mTLS" : "TLS";

    /// <summary>The "Transport:Tls" section of <paramref name="configuration"/>, checked (one line on a bad combination).</summary>
    public static TlsOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<TlsOptions>() ?? new TlsOptions();
        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (RequireClientCertificate && !ServesTls)
        {
            throw new InvalidOperationException(
                $"{SectionName}:RequireClientCertificate needs {SectionName}:CertificatePath (client certificates exist only on HTTPS)");
        }

        if (RequireClientCertificate && ClientCaPath is null)
        {
            throw new InvalidOperationException(
                $"{SectionName}:RequireClientCertificate needs {SectionName}:ClientCaPath (the private CA that signs the callers' certificates)");
        }

        foreach (var (name, path) in Files())
        {
            if (path is not null && !File.Exists(path))
            {
                throw new InvalidOperationException($"{SectionName}:{name}: no such file '{path}'");
            }
        }
    }

    private IEnumerable<(string Name, string? Path)> Files() =>
    [
        (nameof(CertificatePath), CertificatePath),
        (nameof(KeyPath), KeyPath),
        (nameof(ClientCaPath), ClientCaPath),
        (nameof(ClientCertificatePath), ClientCertificatePath),
        (nameof(ClientKeyPath), ClientKeyPath),
        (nameof(ServerCaPath), ServerCaPath),
    ];
}

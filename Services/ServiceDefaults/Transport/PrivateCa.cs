using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FoodDelivery.ServiceDefaults.Transport;

/// <summary>
/// A private certificate authority, the only root a certificate is checked against: the system's store is not
/// consulted (a certificate any public CA issued is refused), the chain must end at one of the CA's certificates, be
/// valid now, and allow the purpose (client or server authentication). No revocation check: a private CA of
/// short-lived certificates rotates them instead.
/// </summary>
public sealed class PrivateCa
{
    /// <summary>Extended key usage of a TLS client certificate.</summary>
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Extended key usage of a TLS server certificate.</summary>
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _roots;

    private PrivateCa(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>The CA certificate(s) of a PEM file.</summary>
    public static PrivateCa Load(string pemPath)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"'{pemPath}' is not a PEM CA certificate: {ex.Message}", ex);
        }

        return roots.Count > 0
            ? new PrivateCa(roots)
            : throw new InvalidOperationException($"'{pemPath}' holds no PEM certificate");
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA, is valid now and allows <paramref name="purpose"/>.</summary>
    public bool Trusts(X509Certificate2 certificate, Oid purpose)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(purpose);
        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}

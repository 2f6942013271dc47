using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FoodDelivery.ServiceDefaults.Transport;

namespace FoodDelivery.Security.Tests.Transport;

/// <summary>
/// A private CA and the certificates of one test, made with System.Security.Cryptography and written as PEM files
/// to a temporary folder (as deploy/mtls/make-certs.sh writes them): the services' server certificate (localhost and
/// 127.0.0.1), a trusted client, an expired client of the same CA, and a client of another (rogue) CA.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public PemPair Ca { get; private init; } = null!;

    public PemPair Server { get; private init; } = null!;

    /// <summary>A client certificate of the CA, valid now: the orchestrator's, the order service's, the tests'.</summary>
    public PemPair Client { get; private init; } = null!;

    /// <summary>Issued by the CA, expired yesterday.</summary>
    public PemPair ExpiredClient { get; private init; } = null!;

    /// <summary>A valid client certificate issued by another CA.</summary>
    public PemPair RogueClient { get; private init; } = null!;

    /// <summary>A server certificate for 127.0.0.1 issued by another CA.</summary>
    public PemPair RogueServer { get; private init; } = null!;

    public static TestCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("fooddelivery-mtls-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = Authority("FoodDelivery test CA", caKey, now);
        using var rogueKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rogueCa = Authority("Rogue CA", rogueKey, now);
        return new TestCertificates(directory)
        {
            Ca = Write(directory, "ca", ca, caKey),
            Server = Issue(directory, "server", ca, PrivateCa.ServerAuthentication, now.AddDays(-1), now.AddDays(1)),
            Client = Issue(directory, "client", ca, PrivateCa.ClientAuthentication, now.AddDays(-1), now.AddDays(1)),
            ExpiredClient = Issue(directory, "expired-client", ca, PrivateCa.ClientAuthentication, now.AddDays(-3), now.AddDays(-1)),
            RogueClient = Issue(directory, "rogue-client", rogueCa, PrivateCa.ClientAuthentication, now.AddDays(-1), now.AddDays(1)),
            RogueServer = Issue(directory, "rogue-server", rogueCa, PrivateCa.ServerAuthentication, now.AddDays(-1), now.AddDays(1)),
        };
    }

    /// <summary>The settings of a service that listens mTLS with the server certificate, trusting the CA for its callers.</summary>
    public Dictionary<string, string?> ServerSettings(PemPair? server = null) => new()
    {
        ["Transport:Tls:CertificatePath"] = (server ?? Server).CertificatePath,
        ["Transport:Tls:KeyPath"] = (server ?? Server).KeyPath,
        ["Transport:Tls:ClientCaPath"] = Ca.CertificatePath,
        ["Transport:Tls:RequireClientCertificate"] = "true",
    };

    /// <summary>The settings of a caller presenting <paramref name="client"/> and trusting the CA for the services.</summary>
    public Dictionary<string, string?> ClientSettings(PemPair? client = null) => new()
    {
        ["Transport:Tls:ClientCertificatePath"] = (client ?? Client).CertificatePath,
        ["Transport:Tls:ClientKeyPath"] = (client ?? Client).KeyPath,
        ["Transport:Tls:ServerCaPath"] = Ca.CertificatePath,
    };

    /// <summary>The client half of <see cref="TlsOptions"/> for a test's own channel; null presents no certificate.</summary>
    public TlsOptions ClientOptions(PemPair? client) => new()
    {
        ClientCertificatePath = client?.CertificatePath,
        ClientKeyPath = client?.KeyPath,
        ServerCaPath = Ca.CertificatePath,
    };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleanup takes it.
        }
    }

    private static X509Certificate2 Authority(string name, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-7), now.AddDays(7));
    }

    private static PemPair Issue(string directory, string name, X509Certificate2 issuer, Oid purpose, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=fooddelivery-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([purpose], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return Write(directory, name, certificate, key);
    }

    private static PemPair Write(string directory, string name, X509Certificate2 certificate, ECDsa key)
    {
        var pair = new PemPair(Path.Combine(directory, name + ".crt"), Path.Combine(directory, name + ".key"));
        File.WriteAllText(pair.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(pair.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return pair;
    }
}

/// <summary>A certificate and its private key, as PEM files.</summary>
public sealed record PemPair(string CertificatePath, string KeyPath);

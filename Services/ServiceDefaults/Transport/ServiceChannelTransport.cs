using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoodDelivery.ServiceDefaults.Transport;

/// <summary>
/// The transport of a service-to-service gRPC channel (the saga worker's, the Order service's to Restaurant): with
/// the client half of <see cref="TlsOptions"/> set, calls to https:// addresses present this process's client
/// certificate and accept only a server certificate of the private CA, for the name they dialled. Without it the
/// gRPC client factory's own handler is kept (h2c for http://, the system's roots for https://).
/// </summary>
public static class ServiceChannelTransport
{
    /// <summary>Configures <paramref name="builder"/>'s handler from the "Transport:Tls" section of <paramref name="configuration"/>.</summary>
    public static IHttpClientBuilder UseServiceTransport(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tls = TlsOptions.From(configuration);
        // The files are read each time the factory builds a handler (every few minutes), so renewed certificates are picked up.
        return tls.HasClientSettings ? builder.ConfigurePrimaryHttpMessageHandler(() => CreateHandler(tls)) : builder;
    }

    /// <summary>An HTTP/2 handler with the client certificate and server trust of <paramref name="tls"/>.</summary>
    public static SocketsHttpHandler CreateHandler(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (tls.ClientCertificatePath is { } certificatePath)
        {
            handler.SslOptions.ClientCertificates =
                [Pem.Certificate(certificatePath, tls.ClientKeyPath, "ClientCertificatePath")];
        }

        if (tls.ServerCaPath is { } caPath)
        {
            var serverCa = PrivateCa.Load(caPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                // The host name must match (checked by SslStream); the chain is judged against the private CA only.
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && certificate is X509Certificate2 server
                && serverCa.Trusts(server, PrivateCa.ServerAuthentication);
        }

        return handler;
    }
}

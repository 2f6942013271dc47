using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace FoodDelivery.ServiceDefaults.Transport;

/// <summary>
/// Puts a service's Kestrel endpoint on HTTPS when <see cref="TlsOptions.ServesTls"/>: its certificate, and with
/// <see cref="TlsOptions.RequireClientCertificate"/> a handshake that refuses any caller whose certificate is missing,
/// expired, not for client authentication, or not issued by the private CA (<see cref="PrivateCa"/>).
/// </summary>
public static class ServerTls
{
    public static void Apply(ListenOptions listen, TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.ServesTls)
        {
            return;
        }

        var certificate = Pem.Certificate(tls.CertificatePath!, tls.KeyPath, "CertificatePath");
        var clientCa = tls.RequireClientCertificate ? PrivateCa.Load(tls.ClientCaPath!) : null;
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            if (clientCa is null)
            {
                return;
            }

            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            // The chain Kestrel hands over was built against the system's store; ours trusts the private CA only.
            https.ClientCertificateValidation = (client, _, _) => clientCa.Trusts(client, PrivateCa.ClientAuthentication);
        });
    }
}

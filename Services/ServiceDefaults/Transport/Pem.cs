using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FoodDelivery.ServiceDefaults.Transport;

/// <summary>Reads a PEM certificate with its private key; a bad file or a key of another certificate is one line naming the setting.</summary>
internal static class Pem
{
    public static X509Certificate2 Certificate(string certificatePath, string? keyPath, string setting)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{TlsOptions.SectionName}:{setting}: '{certificatePath}' (key '{keyPath ?? "in the same file"}') is not a PEM certificate with its private key: {ex.Message}",
                ex);
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FoodDelivery.ServiceDefaults.Transport;

/// <summary>Reads a PEM certificate with its private key; a bad file is one line naming the setting, not a stack trace.</summary>
internal static class Pem
{
    public static X509Certificate2 Certificate(string certificatePath, string? keyPath, string setting)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"{TlsOptions.SectionName}:{setting}: '{certificatePath}' (key '{keyPath ?? "in the same file"}') is not a PEM certificate with its private key: {ex.Message}",
                ex);
        }
    }
}

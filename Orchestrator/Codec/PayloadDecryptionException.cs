namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// An encrypted payload that cannot be decrypted: its key is not configured, or it fails authentication (tampered
/// with, or truncated). Never swallowed: a worker that cannot read a history must fail its task, not guess.
/// </summary>
public sealed class PayloadDecryptionException : Exception
{
    public PayloadDecryptionException()
    {
    }

    public PayloadDecryptionException(string message)
        : base(message)
    {
    }

    public PayloadDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

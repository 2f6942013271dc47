namespace FoodDelivery.DevServer;

/// <summary>
/// The engine file (<see cref="DevServerOptions.DbFileName"/>) cannot be used: corrupt, not an engine file, or
/// written in a format this engine does not read. The file is left as it was; the message says what to do.
/// </summary>
public sealed class DevServerFileException : Exception
{
    public DevServerFileException()
    {
    }

    public DevServerFileException(string message)
        : base(message)
    {
    }

    public DevServerFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

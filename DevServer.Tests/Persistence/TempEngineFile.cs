namespace FoodDelivery.DevServer.Tests.Persistence;

/// <summary>A fresh engine file path in a temporary directory, deleted (with its -wal and -shm) at the end.</summary>
public sealed class TempEngineFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devserver-tests", Guid.NewGuid().ToString("N"));

    public TempEngineFile()
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "engine.db");
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A child engine that is still exiting may hold the file a moment longer; the temp directory is cleaned anyway.
        }
    }
}

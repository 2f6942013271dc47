namespace FoodDelivery.Cli.Infrastructure;

/// <summary>What the process exit code tells a script.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and the answer is "no": a refused request, audit violations, a demo scenario off.</summary>
    public const int Failed = 1;

    /// <summary>The system (Order service, Temporal, the data folder) could not be reached.</summary>
    public const int Unreachable = 2;

    /// <summary>Bad arguments (the usage was printed).</summary>
    public const int Usage = 64;

    /// <summary>Stopped by Ctrl+C before the command was done (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

using System.Globalization;

namespace FoodDelivery.DevServer;

/// <summary>Parses the executable's arguments into <see cref="DevServerOptions"/>.</summary>
internal static class CommandLine
{
    public const int DefaultPort = 7233;

    public static bool TryParse(string[] args, out DevServerOptions options, out string error)
    {
        options = new DevServerOptions { Port = DefaultPort };
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        error = $"invalid port '{args[i]}'";
                        return false;
                    }

                    options = options with { Port = port };
                    break;
                case "--namespace" when i + 1 < args.Length:
                    if (string.IsNullOrWhiteSpace(args[++i]))
                    {
                        error = "the namespace must not be empty";
                        return false;
                    }

                    options = options with { Namespace = args[i] };
                    break;
                case "--db-filename" when i + 1 < args.Length:
                    if (string.IsNullOrWhiteSpace(args[++i]))
                    {
                        error = "the --db-filename path must not be empty";
                        return false;
                    }

                    options = options with { DbFileName = args[i] };
                    break;
                case "--time-skipping":
                    options = options with { TimeSkipping = TimeSkippingMode.WhileAwaitingResult };
                    break;
                case "--port" or "--namespace" or "--db-filename":
                    error = $"{args[i]} needs a value";
                    return false;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        return true;
    }
}

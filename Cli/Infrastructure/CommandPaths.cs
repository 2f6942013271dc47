using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>
/// The command names as they are registered ("order place", "audit"), so a usage error can show the help of the
/// command the person meant: the longest registered prefix of their arguments.
/// </summary>
public sealed class CommandPaths
{
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public void Add<TCommand>(IConfigurator<CommandSettings> branch, string branchName, string name, string description, params string[] example)
        where TCommand : class, ICommandLimiter<CommandSettings>
    {
        ArgumentNullException.ThrowIfNull(branch);
        branch.AddCommand<TCommand>(name).WithDescription(description).WithExample(example);
        _paths.Add(branchName);
        _paths.Add($"{branchName} {name}");
    }

    public void Add<TCommand>(IConfigurator config, string name, string description, params string[] example)
        where TCommand : class, ICommand
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<TCommand>(name).WithDescription(description).WithExample(example);
        _paths.Add(name);
    }

    /// <summary>The registered command path the arguments start with: ["order", "place"], ["order"], or [] for none.</summary>
    public IReadOnlyList<string> PathOf(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var length = Math.Min(2, args.Count); length > 0; length--)
        {
            var candidate = args.Take(length).ToArray();
            if (_paths.Contains(string.Join(' ', candidate)))
            {
                return candidate;
            }
        }

        return [];
    }
}

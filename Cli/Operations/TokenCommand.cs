using System.ComponentModel;
using FoodDelivery.Cli.Infrastructure;
using FoodDelivery.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Operations;

/// <summary>
/// `token`: prints a development token for one party, e.g. for grpcurl's -H "authorization: Bearer ...". Signed with
/// the development keys (or Auth__SigningKeys__0 / Auth__Internal__SigningKeys__0 from the environment).
/// </summary>
public sealed class TokenCommand(IAnsiConsole console) : AsyncCommand<TokenCommand.Settings>
{
    public const string Orchestrator = "orchestrator";

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PARTY>")]
        [Description("customer:<id>, restaurant:<id>, courier:<id>, operator, or orchestrator (the service identity of the internal RPCs)")]
        public string Party { get; set; } = string.Empty;

        public override ValidationResult Validate() =>
            Party == Orchestrator || DevelopmentIdentity.TryParse(Party, out _)
                ? ValidationResult.Success()
                : ValidationResult.Error($"<PARTY> must be customer:<id>, restaurant:<id>, courier:<id>, operator or orchestrator, not '{Party}'");
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tokens = DevelopmentTokens.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        var token = settings.Party == Orchestrator
            ? tokens.Orchestrator()
            : DevelopmentIdentity.TryParse(settings.Party, out var identity) ? identity.Token(tokens) : string.Empty;

        // Written raw: the console's renderer would wrap a long token at the terminal's width.
        console.Profile.Out.Writer.WriteLine(token);
        return Task.FromResult(ExitCodes.Ok);
    }
}

using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>
/// Options every command accepts: where the system is and who is calling. Unset options fall back to the environment,
/// then to the local defaults (for the caller: development tokens, see <see cref="CallerCredentials"/>).
/// </summary>
public class GlobalSettings : CommandSettings
{
    public const string OrderAddressVariable = "FOODDELIVERY_ORDER_ADDRESS";
    public const string TemporalAddressVariable = "TEMPORAL_ADDRESS";
    public const string NamespaceVariable = "TEMPORAL_NAMESPACE";
    public const string TokenVariable = "FOODDELIVERY_TOKEN";
    public const string DefaultOrderAddress = "http://127.0.0.1:5101";
    public const string DefaultTemporalAddress = "127.0.0.1:7233";
    public const string DefaultNamespace = "default";

    [CommandOption("--order-address <URL>")]
    [Description("The Order service's client-facing API (env " + OrderAddressVariable + ", default " + DefaultOrderAddress + ")")]
    public string? OrderAddress { get; set; }

    [CommandOption("--temporal-address <HOST:PORT>")]
    [Description("The Temporal frontend (env " + TemporalAddressVariable + ", default " + DefaultTemporalAddress + ")")]
    public string? TemporalAddress { get; set; }

    [CommandOption("--namespace <NAMESPACE>")]
    [Description("The Temporal namespace (env " + NamespaceVariable + ", default " + DefaultNamespace + ")")]
    public string? Namespace { get; set; }

    [CommandOption("--token <JWT>")]
    [Description("A bearer token from your identity provider, sent on every call (env " + TokenVariable + "); default: development tokens")]
    public string? Token { get; set; }

    [CommandOption("--as <ROLE:ID>")]
    [Description("Act as this party with a development token: customer:<id>, restaurant:<id>, courier:<id> or operator (default: inferred from each command)")]
    public string? As { get; set; }

    public string? BearerToken => Resolve(Token, TokenVariable, string.Empty) is { Length: > 0 } token ? token : null;

    public Uri OrderEndpoint => new(Resolve(OrderAddress, OrderAddressVariable, DefaultOrderAddress));

    public string TemporalEndpoint => Resolve(TemporalAddress, TemporalAddressVariable, DefaultTemporalAddress);

    public string TemporalNamespace => Resolve(Namespace, NamespaceVariable, DefaultNamespace);

    public override ValidationResult Validate()
    {
        var order = Resolve(OrderAddress, OrderAddressVariable, DefaultOrderAddress);
        if (!Uri.TryCreate(order, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--order-address must be an http(s) URL like {DefaultOrderAddress}, not '{order}'");
        }

        var temporal = TemporalEndpoint;
        if (!temporal.Contains(':', StringComparison.Ordinal) || temporal.Contains("://", StringComparison.Ordinal))
        {
            return ValidationResult.Error($"--temporal-address must be host:port like {DefaultTemporalAddress}, not '{temporal}'");
        }

        if (As is not null && !DevelopmentIdentity.TryParse(As, out _))
        {
            return ValidationResult.Error($"--as must be customer:<id>, restaurant:<id>, courier:<id> or operator, not '{As}'");
        }

        return ValidationResult.Success();
    }

    private static string Resolve(string? option, string variable, string fallback) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : fallback;
}

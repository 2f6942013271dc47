namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>Which kind of token an RPC accepts.</summary>
public enum TokenAudience
{
    /// <summary>Client tokens (Auth:Audience): customers, restaurants, couriers, operators.</summary>
    Clients,

    /// <summary>Service-identity tokens (Auth:Internal:Audience): the orchestrator and other services.</summary>
    Internal,
}

/// <summary>
/// Who may call a gRPC service or one of its methods: a valid token of <see cref="Audience"/> carrying one of
/// <see cref="Roles"/>. On a method it replaces the service's own. An RPC without it is refused (fail closed). Rules
/// about which order or restaurant a caller may touch are checked by the RPC itself, with <see cref="CallerIdentity"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class AllowCallersAttribute(TokenAudience audience, params string[] roles) : Attribute
{
    public TokenAudience Audience { get; } = audience;

    public IReadOnlyList<string> Roles { get; } = roles;
}

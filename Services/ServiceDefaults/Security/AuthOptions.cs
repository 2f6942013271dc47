namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// The "Auth" configuration section. Its own Issuer/Audience/SigningKeys are for client tokens (customers, restaurants,
/// couriers, operators calling the Order API); "Auth:Internal" is the separate authority of the service identity
/// (the orchestrator's calls to the services' internal RPCs). Unset values fall back to the public development
/// defaults (<see cref="DevelopmentKeys"/>), which <see cref="Resolve"/> refuses in the Production environment.
/// </summary>
public sealed class AuthOptions : TokenAuthorityOptions
{
    public const string SectionName = "Auth";

    public TokenAuthorityOptions Internal { get; init; } = new();

    /// <summary>The client and internal authorities with every gap filled; throws in Production when keys are missing.</summary>
    public ResolvedAuth Resolve(bool isProduction)
    {
        if (isProduction && (SigningKeys.Count == 0 || Internal.SigningKeys.Count == 0))
        {
            throw new InvalidOperationException(
                "Auth:SigningKeys and Auth:Internal:SigningKeys must be set in the Production environment "
                + "(the development keys are public)");
        }

        return new ResolvedAuth(
            TokenAuthority.From(this, DevelopmentKeys.ClientIssuer, DevelopmentKeys.ClientAudience, DevelopmentKeys.ClientKey),
            TokenAuthority.From(Internal, DevelopmentKeys.InternalIssuer, DevelopmentKeys.InternalAudience, DevelopmentKeys.InternalKey));
    }
}

/// <summary>Both authorities, ready to use.</summary>
public sealed record ResolvedAuth(TokenAuthority Clients, TokenAuthority Internal);

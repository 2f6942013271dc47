using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// Validates one throw-away token of each authority while the service starts, so the first real call does not pay
/// for loading and compiling the token-validation code (hundreds of milliseconds on a busy machine, enough to blow a
/// short client deadline).
/// </summary>
internal sealed class TokenValidationWarmUp(ResolvedAuth authorities) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var handler = new JsonWebTokenHandler();
        foreach (var authority in new[] { authorities.Clients, authorities.Internal })
        {
            await handler.ValidateTokenAsync(TokenIssuer.Issue(authority, "warm-up", []), authority.ValidationParameters());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

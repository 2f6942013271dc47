using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// The development key is in the source, so it protects nothing: a process in the Production environment refuses to
/// use it (as services refuse fault injection there) and asks for real keys instead.
/// </summary>
public static class DevelopmentKeyGuard
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="encryption"/> falls back to the development key in Production.</summary>
    public static void ThrowIfRefused(PayloadEncryptionOptions encryption, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(environment);
        if (encryption.UsesDevelopmentKey && environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"the development payload encryption key is refused in the Production environment: set {PayloadEncryptionOptions.SectionName}:ActiveKeyId " +
                $"and {PayloadEncryptionOptions.SectionName}:Keys:<id> (base64 of 32 random bytes)");
        }
    }

    /// <summary>The same check when the host starts, for hosts whose environment is only known then (e.g. a service module).</summary>
    public static IServiceCollection AddDevelopmentKeyGuard(this IServiceCollection services, PayloadEncryptionOptions encryption) =>
        services.AddHostedService(provider => new StartupCheck(encryption, provider.GetRequiredService<IHostEnvironment>()));

    private sealed class StartupCheck(PayloadEncryptionOptions encryption, IHostEnvironment environment) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            ThrowIfRefused(encryption, environment);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using FoodDelivery.Orchestrator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FoodDelivery.Orchestrator.Codec;

public static class CodecEndpointRegistration
{
    /// <summary>
    /// Runs the <see cref="CodecEndpoint"/> alongside the host when <c>Temporal:Codec:Url</c> is set, with the same keys
    /// as <paramref name="temporal"/>; otherwise registers nothing. Throws <see cref="InvalidOperationException"/> on bad settings.
    /// </summary>
    public static IServiceCollection AddCodecEndpoint(
        this IServiceCollection services, IConfiguration configuration, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(temporal);
        var options = CodecEndpointOptions.From(configuration);
        if (options.Url is not null)
        {
            var codec = new AesGcmPayloadCodec(PayloadKeyRing.From(temporal.Encryption));
            services.AddHostedService(_ => new CodecEndpointService(options, codec, temporal.Namespace));
        }

        return services;
    }

    private sealed class CodecEndpointService(CodecEndpointOptions options, AesGcmPayloadCodec codec, string @namespace) : IHostedService
    {
        private CodecEndpoint? _endpoint;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _endpoint = await CodecEndpoint.StartAsync(options, codec, @namespace, cancellationToken);
            Console.WriteLine($"orchestrator: payload codec endpoint for the Temporal Web UI on {_endpoint.Address}");
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_endpoint is not null)
            {
                await _endpoint.DisposeAsync();
                _endpoint = null;
            }
        }
    }
}

using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Tracing;
using Microsoft.Extensions.Configuration;
using Temporalio.Client;

namespace FoodDelivery.Orchestrator.Hosting;

/// <summary>
/// How to reach Temporal: a local DevServer, a self-hosted cluster, or Temporal Cloud. Read from the "Temporal"
/// configuration section, with the conventional TEMPORAL_* environment variables taking precedence.
/// </summary>
public sealed record TemporalOptions
{
    public const string SectionName = "Temporal";

    /// <summary>host:port of the frontend, e.g. 127.0.0.1:7233 (TEMPORAL_ADDRESS). Null: none configured.</summary>
    public string? Address { get; init; }

    /// <summary>TEMPORAL_NAMESPACE.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>TEMPORAL_TASK_QUEUE.</summary>
    public string TaskQueue { get; init; } = WireNames.DefaultTaskQueue;

    /// <summary>TEMPORAL_API_KEY: Temporal Cloud API key (implies TLS).</summary>
    public string? ApiKey { get; init; }

    /// <summary>TEMPORAL_TLS: use TLS with the system's roots (implied by a client certificate or an API key).</summary>
    public bool Tls { get; init; }

    /// <summary>TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH: PEM files for mTLS.</summary>
    public string? ClientCertPath { get; init; }

    public string? ClientKeyPath { get; init; }

    /// <summary>TEMPORAL_TLS_SERVER_CA_CERT_PATH: PEM root CA of a self-hosted cluster.</summary>
    public string? ServerRootCaPath { get; init; }

    /// <summary>TEMPORAL_TLS_SERVER_NAME: overrides the name checked on the server certificate.</summary>
    public string? ServerName { get; init; }

    /// <summary>Temporal:Encryption: the keys that encrypt every payload (the development key when none are set).</summary>
    public PayloadEncryptionOptions Encryption { get; init; } = PayloadEncryptionOptions.Development;

    public static TemporalOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName).Get<TemporalOptions>() ?? new TemporalOptions();
        string? Env(string name) => configuration[name] is { Length: > 0 } value ? value : null;
        return section with
        {
            Address = Env("TEMPORAL_ADDRESS") ?? section.Address,
            Namespace = Env("TEMPORAL_NAMESPACE") ?? section.Namespace,
            TaskQueue = Env("TEMPORAL_TASK_QUEUE") ?? section.TaskQueue,
            ApiKey = Env("TEMPORAL_API_KEY") ?? section.ApiKey,
            Tls = bool.TryParse(Env("TEMPORAL_TLS"), out var tls) ? tls : section.Tls,
            ClientCertPath = Env("TEMPORAL_TLS_CLIENT_CERT_PATH") ?? section.ClientCertPath,
            ClientKeyPath = Env("TEMPORAL_TLS_CLIENT_KEY_PATH") ?? section.ClientKeyPath,
            ServerRootCaPath = Env("TEMPORAL_TLS_SERVER_CA_CERT_PATH") ?? section.ServerRootCaPath,
            ServerName = Env("TEMPORAL_TLS_SERVER_NAME") ?? section.ServerName,
            Encryption = PayloadEncryptionOptions.From(configuration),
        };
    }

    /// <summary>Client connection options; throws with a clear message when no address is configured.</summary>
    public TemporalClientConnectOptions ToConnectOptions()
    {
        var address = Address ?? throw new InvalidOperationException(
            "no Temporal address: set TEMPORAL_ADDRESS (e.g. 127.0.0.1:7233) or Temporal:Address");
        var options = new TemporalClientConnectOptions(address)
        {
            Namespace = Namespace,
            ApiKey = ApiKey,
            // Traces every client call, and every workflow and activity of a worker built on this client.
            Interceptors = [new TracingInterceptor()],
            // Every payload encrypted on its way to the engine (Orchestrator/Codec).
            DataConverter = FoodDeliveryDataConverter.Create(Encryption),
        };
        if (Tls || ApiKey is not null || ClientCertPath is not null || ServerRootCaPath is not null)
        {
            options.Tls = new TlsOptions
            {
                ClientCert = ClientCertPath is null ? null : File.ReadAllBytes(ClientCertPath),
                ClientPrivateKey = ClientKeyPath is null ? null : File.ReadAllBytes(ClientKeyPath),
                ServerRootCACert = ServerRootCaPath is null ? null : File.ReadAllBytes(ServerRootCaPath),
                Domain = ServerName,
            };
        }

        return options;
    }
}

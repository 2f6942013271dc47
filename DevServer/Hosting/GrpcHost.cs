using System.Net;
using FoodDelivery.DevServer.Engine;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FoodDelivery.DevServer.Hosting;

/// <summary>Kestrel on loopback, HTTP/2 without TLS (h2c with prior knowledge, what the SDK speaks), serving the engine.</summary>
internal static class GrpcHost
{
    /// <summary>
    /// Client and worker share one connection and long polls hold streams open, so Kestrel's default of 100
    /// concurrent streams per connection would starve the worker.
    /// </summary>
    private const int MaxStreamsPerConnection = 1000;

    private const int MaxMessageBytes = 128 * 1024 * 1024;

    public static async Task<(WebApplication App, int Port)> StartAsync(WorkflowEngine engine, int port, CancellationToken cancellation)
    {
        // No appsettings reload: by default the host watches its content root (the working directory, often a whole
        // repository: thousands of directories scanned at start and watched for good) for configuration changes.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
            kestrel.Limits.MaxRequestBodySize = MaxMessageBytes;
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.MaxSendMessageSize = MaxMessageBytes;
            grpc.EnableDetailedErrors = true;
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton<WorkflowServiceEndpoint>();
        builder.Services.AddSingleton<IServiceMethodProvider<WorkflowServiceEndpoint>, WorkflowServiceMethodProvider>();

        var app = builder.Build();
        app.MapGrpcService<WorkflowServiceEndpoint>();
        await app.StartAsync(cancellation);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address).Port);
    }
}

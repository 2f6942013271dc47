using System.Net;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.ServiceDefaults.FaultInjection;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Telemetry;
using FoodDelivery.ServiceDefaults.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FoodDelivery.ServiceDefaults.Hosting;

/// <summary>
/// Hosts a <see cref="ServiceModule"/> the same way everywhere: gRPC over h2c (or TLS/mTLS, Transport/) on a loopback port, error mapping,
/// optional fault injection, health checks, reflection, and the service's database brought up to date before the
/// first call.
/// </summary>
public static class ServiceHost
{
    /// <summary>Runs the service as its own process until Ctrl+C (its Program.cs is this one call).</summary>
    public static async Task<int> RunAsync(ServiceModule module, string[] args)
    {
        ArgumentNullException.ThrowIfNull(module);
        WebApplication app;
        try
        {
            app = Build(module, new WebApplicationOptions { Args = args }, inProcess: null);
            await app.StartAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OptionsValidationException or IOException)
        {
            // Bad configuration, or the port is taken: one line, a non-zero exit, no stack trace.
            await Console.Error.WriteLineAsync($"{module.Name}: {ex.Message}");
            return 2;
        }

        Console.WriteLine($"{module.Name} service listening on {ListeningAddress(app)} (gRPC, {TlsOptions.From(app.Configuration).ListenMode})");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Starts the service inside the current process, e.g. for tests or the all-in-one demo.</summary>
    public static async Task<RunningService> StartAsync(
        ServiceModule module, ServiceHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        var app = Build(
            module,
            new WebApplicationOptions { EnvironmentName = options.EnvironmentName, ContentRootPath = AppContext.BaseDirectory },
            options);
        await app.StartAsync(cancellationToken);
        return new RunningService(module.Name, ListeningAddress(app), app);
    }

    private static WebApplication Build(ServiceModule module, WebApplicationOptions hostOptions, ServiceHostOptions? inProcess)
    {
        var builder = WebApplication.CreateBuilder(hostOptions);
        if (inProcess is not null)
        {
            // Several services share this process: none may read another's appsettings.json.
            builder.Configuration.Sources.Clear();
            var settings = new Dictionary<string, string?>(inProcess.Settings);
            if (inProcess.Port is { } port)
            {
                settings["Service:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (inProcess.DataDirectory is { } dataDirectory)
            {
                settings["Database:DataDirectory"] = dataDirectory;
            }

            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        var host = builder.Configuration["Service:Host"] ?? "127.0.0.1";
        var listenPort = builder.Configuration.GetValue("Service:Port", module.DefaultPort);
        // h2c unless Transport:Tls names a certificate (then HTTPS, and mTLS when client certificates are required).
        var tls = TlsOptions.From(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(host), listenPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                ServerTls.Apply(listen, tls);
            });
        });

        AddServiceDefaults(builder, module);
        builder.AddFoodDeliveryTelemetry(module.Name);
        module.AddServices(builder.Services, builder.Configuration);
        inProcess?.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        module.MapEndpoints(app);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    private static void AddServiceDefaults(WebApplicationBuilder builder, ServiceModule module)
    {
        var faults = builder.Configuration.GetSection(FaultInjectionOptions.SectionName).Get<FaultInjectionOptions>()
            ?? new FaultInjectionOptions();
        if (faults.Enabled && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"FaultInjection:Enabled is refused in the Production environment ({module.Name} service)");
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FaultInjector(faults));
        // Every RPC needs a bearer token (Security/); the services refuse to start in Production without their own keys.
        builder.Services.AddFoodDeliveryAuthentication(builder.Configuration, builder.Environment.IsProduction());
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.Interceptors.Add<AuthorizationInterceptor>();
            if (faults.Enabled)
            {
                grpc.Interceptors.Add<FaultInjectionInterceptor>();
            }
        });
        // A body that is not a valid message is INVALID_ARGUMENT, not UNKNOWN (see MalformedRequestRefusal).
        builder.Services.RefuseMalformedRequests();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
    }

    private static Uri ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return new Uri(addresses!.Addresses.First());
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FoodDelivery.AppHost;

/// <summary>How every FoodDelivery process is wired into the Aspire model.</summary>
public static class ServiceResources
{
    /// <summary>Name of the gRPC (h2c) endpoint of each service and of the DevServer.</summary>
    public const string GrpcEndpoint = "grpc";

    /// <summary>
    /// A gRPC service from Services/*: Aspire picks its port (handed over as Service:Port), it is healthy when its gRPC
    /// health service says SERVING, its SQLite file lives in <paramref name="dataDirectory"/>, its JWT keys are the
    /// AppHost's "Auth" section (e.g. --Auth:SigningKeys:0=...; none: the development keys).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGrpcService<TProject>(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, launchProfileName: null)
            .WithGrpcEndpoint(portVariable: "Service__Port")
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("Database__DataDirectory", dataDirectory)
            .WithSection(builder.Configuration.GetSection("Auth"))
            .WithGrpcHealthCheck("grpc-health", address => new GrpcHealthCheck(address));

    /// <summary>An h2c endpoint on a port Aspire picks; the process learns it from <paramref name="portVariable"/> (or args).</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(
        this IResourceBuilder<ProjectResource> resource, string? portVariable = null) =>
        resource
            .WithHttpEndpoint(name: GrpcEndpoint, env: portVariable)
            .WithEndpoint(GrpcEndpoint, endpoint => endpoint.Transport = "http2");

    /// <summary>
    /// Registers a health check against the resource's gRPC endpoint; WaitFor on the resource then waits for it.
    /// The address is resolved when the check runs, after Aspire allocated the endpoint.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGrpcHealthCheck(
        this IResourceBuilder<ProjectResource> resource,
        string checkName,
        Func<Func<CancellationToken, Task<Uri>>, IHealthCheck> createCheck)
    {
        var endpoint = resource.GetEndpoint(GrpcEndpoint);
        async Task<Uri> Address(CancellationToken cancellationToken) =>
            new(await endpoint.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{resource.Resource.Name}: no address allocated yet"));

        var key = $"{resource.Resource.Name}-{checkName}";
        resource.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => createCheck(Address), failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }

    /// <summary>Points a process at the four services (the "Services" section the worker and the order service read).</summary>
    public static IResourceBuilder<ProjectResource> WithServiceAddresses(
        this IResourceBuilder<ProjectResource> resource, params IResourceBuilder<ProjectResource>[] services)
    {
        foreach (var service in services)
        {
            resource.WithEnvironment($"Services__{Capitalized(service.Resource.Name)}", service.GetEndpoint(GrpcEndpoint));
        }

        return resource;
    }

    /// <summary>
    /// Hands a configuration section of the AppHost on to the process as environment variables, e.g. the AppHost's
    /// `--Simulator:AcceptDelay=00:00:00` becomes the simulator's Simulator__AcceptDelay.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSection(
        this IResourceBuilder<ProjectResource> resource, IConfigurationSection section)
    {
        foreach (var (key, value) in section.AsEnumerable())
        {
            if (value is not null)
            {
                resource.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return resource;
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}

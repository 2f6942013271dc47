namespace FoodDelivery.AppHost;

/// <summary>The embedded Temporal-compatible DevServer (DevServer/) as a resource, for runs without TEMPORAL_ADDRESS.</summary>
public static class DevServerResource
{
    /// <summary>
    /// The DevServer executable on a port Aspire picks (`--port`), keeping its state in
    /// <paramref name="dataDirectory"/>/temporal.db (so sagas live exactly as long as the services' SQLite files),
    /// healthy once it answers as a Temporal frontend. Clients use <see cref="TemporalAddress"/>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddDevServer(
        this IDistributedApplicationBuilder builder, string name, string temporalNamespace, string dataDirectory)
    {
        var devServer = builder.AddProject<Projects.DevServer>(name, launchProfileName: null).WithGrpcEndpoint();
        var targetPort = devServer.GetEndpoint(ServiceResources.GrpcEndpoint).Property(EndpointProperty.TargetPort);
        return devServer
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(targetPort);
                context.Args.Add("--namespace");
                context.Args.Add(temporalNamespace);
                context.Args.Add("--db-filename");
                context.Args.Add(Path.Combine(dataDirectory, "temporal.db"));
            })
            .WithGrpcHealthCheck("temporal-health", address => new TemporalHealthCheck(address));
    }

    /// <summary>
    /// The address Temporal clients get as TEMPORAL_ADDRESS: 127.0.0.1 and the port of the DevServer's endpoint. Not
    /// "localhost": Temporal's client may resolve it to ::1 only, where Aspire's proxy does not listen.
    /// </summary>
    public static ReferenceExpression TemporalAddress(this IResourceBuilder<ProjectResource> devServer) =>
        ReferenceExpression.Create(
            $"127.0.0.1:{devServer.GetEndpoint(ServiceResources.GrpcEndpoint).Property(EndpointProperty.Port)}");
}

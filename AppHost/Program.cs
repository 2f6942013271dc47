using FoodDelivery.AppHost;

// The whole system for a local run: the DevServer (unless TEMPORAL_ADDRESS names a Temporal server), the four
// services on SQLite, the saga worker and the simulator, each started once what it needs is healthy, plus the
// Aspire dashboard (logs, traces and metrics of every resource).
var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);
var dataDirectory = settings.ResolveDataDirectory();
Console.WriteLine($"apphost: data (SQLite files, DevServer state) in {dataDirectory}");

var payment = builder.AddGrpcService<Projects.Payment>("payment", dataDirectory);
var restaurant = builder.AddGrpcService<Projects.Restaurant>("restaurant", dataDirectory);
var delivery = builder.AddGrpcService<Projects.Delivery>("delivery", dataDirectory);
var order = builder.AddGrpcService<Projects.Order>("order", dataDirectory)
    .WithServiceAddresses(payment, restaurant, delivery)
    .WithSection(builder.Configuration.GetSection("Saga"))
    .WaitFor(restaurant);

var worker = builder.AddProject<Projects.Orchestrator>("orchestrator", launchProfileName: null)
    .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithSection(builder.Configuration.GetSection("Auth"))
    .WithServiceAddresses(order, payment, restaurant, delivery)
    .WaitFor(order).WaitFor(payment).WaitFor(restaurant).WaitFor(delivery);

var temporalClients = new List<IResourceBuilder<ProjectResource>> { order, worker };
if (settings.StartSimulator)
{
    temporalClients.Add(builder.AddProject<Projects.Simulator>("simulator", launchProfileName: null)
        .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("Simulator__Enabled", "true")
        .WithSection(builder.Configuration.GetSection("Auth"))
        .WithServiceAddresses(order)
        .WithSection(builder.Configuration.GetSection("Simulator"))
        .WaitFor(order).WaitFor(worker));
}

// Every Temporal client encrypts payloads with the same keys: the AppHost's Temporal:Encryption section, if any
// (none: the development key).
foreach (var client in temporalClients)
{
    client.WithSection(builder.Configuration.GetSection("Temporal:Encryption"));
}

if (settings.TemporalAddress is { } external)
{
    Console.WriteLine($"apphost: TEMPORAL_ADDRESS is set, so no DevServer: everything uses {external}");
    foreach (var client in temporalClients)
    {
        client.WithEnvironment("TEMPORAL_ADDRESS", external).WithEnvironment("TEMPORAL_NAMESPACE", settings.TemporalNamespace);
    }
}
else
{
    var devServer = builder.AddDevServer("temporal", settings.TemporalNamespace, dataDirectory);
    foreach (var client in temporalClients)
    {
        client.WithEnvironment("TEMPORAL_ADDRESS", devServer.TemporalAddress())
            .WithEnvironment("TEMPORAL_NAMESPACE", settings.TemporalNamespace)
            .WaitFor(devServer);
    }
}

builder.Build().Run();

using System.Globalization;
using FoodDelivery.DevServer;
using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// The saga worker. It connects to TEMPORAL_ADDRESS (a real cluster, Temporal Cloud, or a DevServer started
// separately). In Development with no address it starts an embedded DevServer, so one command runs the worker offline.
var builder = Host.CreateApplicationBuilder(args);
builder.AddFoodDeliveryTelemetry("orchestrator");
var temporal = TemporalOptions.From(builder.Configuration);
try
{
    // Payload keys and the Web UI's codec endpoint are checked before anything starts: a bad setting is one line.
    DevelopmentKeyGuard.ThrowIfRefused(temporal.Encryption, builder.Environment);
    ThrowIfDevelopmentServiceKeyInProduction(builder.Configuration, builder.Environment);
    PayloadKeyRing.From(temporal.Encryption);
    builder.Services.AddCodecEndpoint(builder.Configuration, temporal);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"orchestrator: {ex.Message}");
    return 2;
}

TemporalDevServer? embedded = null;
if (temporal.Address is null)
{
    if (!builder.Environment.IsDevelopment())
    {
        await Console.Error.WriteLineAsync(
            "orchestrator: no Temporal address; set TEMPORAL_ADDRESS (e.g. 127.0.0.1:7233), or run in Development for an embedded DevServer");
        return 2;
    }

    var port = builder.Configuration.GetValue("DevServer:Port", 7233);
    embedded = await TemporalDevServer.StartAsync(new DevServerOptions { Port = port, Namespace = temporal.Namespace });
    temporal = temporal with { Address = embedded.TargetHost };
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"orchestrator: no TEMPORAL_ADDRESS, so an embedded DevServer runs on {embedded.TargetHost} (development only)"));
}

try
{
    builder.Services.AddOrderSagaWorker(builder.Configuration, temporal);
    Console.WriteLine($"orchestrator: worker on task queue '{temporal.TaskQueue}' of {temporal.Address} (namespace {temporal.Namespace})");
    await builder.Build().RunAsync();
    return 0;
}
finally
{
    if (embedded is not null)
    {
        await embedded.DisposeAsync();
    }
}

// The services refuse the public development service key in Production; the worker would only retry refused calls
// forever, so it refuses to start instead.
static void ThrowIfDevelopmentServiceKeyInProduction(IConfiguration configuration, IHostEnvironment environment)
{
    var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
    if (environment.IsProduction() && auth.Internal.SigningKeys.Count == 0)
    {
        throw new InvalidOperationException(
            "Auth:Internal:SigningKeys must be set in the Production environment (the development service key is public)");
    }
}

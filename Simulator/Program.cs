using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Hosting;
using FoodDelivery.Simulator;
using Microsoft.Extensions.Hosting;

// The simulator on its own: plays every restaurant and courier of the system at TEMPORAL_ADDRESS / Services:Order.
var builder = Host.CreateApplicationBuilder(args);
SimulatorOptions options;
try
{
    builder.Services.AddFulfillmentSimulator(builder.Configuration);
    options = SimulatorOptions.From(builder.Configuration);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"simulator: {ex.Message}");
    return 2;
}

if (!(options.Enabled ?? builder.Environment.IsDevelopment()))
{
    await Console.Error.WriteLineAsync(
        $"simulator: disabled in the {builder.Environment.EnvironmentName} environment; set Simulator:Enabled=true (Simulator__Enabled) to run it");
    return 1;
}

var temporal = TemporalOptions.From(builder.Configuration);
try
{
    // Checked only once the simulator is to run: a disabled one reads no payloads.
    DevelopmentKeyGuard.ThrowIfRefused(temporal.Encryption, builder.Environment);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"simulator: {ex.Message}");
    return 2;
}

Console.WriteLine(
    $"simulator: playing restaurants and couriers for {builder.Configuration[SimulatorRegistration.OrderAddressKey]} " +
    $"(Temporal {temporal.Address}, namespace {temporal.Namespace}); accept after {options.AcceptDelay}, " +
    $"pickup after {options.PickupDelay}, delivery after {options.DeliveryDelay}, {options.Rules.Count} rule(s)");
await builder.Build().RunAsync();
return 0;

using FoodDelivery.Orchestrator.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
var temporal = TemporalOptions.From(builder.Configuration);
if (temporal.Address is null)
{
    await Console.Error.WriteLineAsync("orchestrator: no Temporal address; set TEMPORAL_ADDRESS (e.g. 127.0.0.1:7233)");
    return 2;
}

builder.Services.AddOrderSagaWorker(builder.Configuration, temporal);
await builder.Build().RunAsync();
return 0;

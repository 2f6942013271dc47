using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Net.Client;

namespace FoodDelivery.Observability.Tests;

/// <summary>The pipeline a service host installs for itself (here with the console exporter), end to end.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public async Task ServiceHost_ConsoleExporterOn_ExportsServerAndDatabaseSpansNamedAfterTheService()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-telemetry-").FullName;
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            await using (var service = await ServiceHost.StartAsync(new RestaurantServiceModule(), new ServiceHostOptions
            {
                Port = 0,
                DataDirectory = dataDirectory,
                Settings = new Dictionary<string, string?> { ["Telemetry:Console"] = "true" },
            }))
            {
                using var channel = GrpcChannel.ForAddress(service.Address);
                await new RestaurantService.RestaurantServiceClient(channel.WithDevelopmentTokens()).GetMenuAsync(new GetMenuRequest { RestaurantId = "rest-pizzeria" });

                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                while (!output.ToString().Contains("RestaurantService/GetMenu", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
        }
        finally
        {
            Console.SetOut(console);
        }

        var exported = output.ToString();
        exported.Should().Contain("RestaurantService/GetMenu", "the gRPC server span is exported");
        exported.Should().Contain("service.name: restaurant");
        exported.Should().Contain("db.system: sqlite", "the database commands are traced too");
    }
}

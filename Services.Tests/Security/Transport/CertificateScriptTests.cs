using System.Diagnostics;
using FoodDelivery.Contracts.Restaurant.V1;
using FoodDelivery.Restaurant;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Transport;
using Grpc.Core;
using Grpc.Net.Client;
using static FoodDelivery.Security.Tests.SecuredSystem;

namespace FoodDelivery.Security.Tests.Transport;

/// <summary>
/// deploy/mtls/make-certs.sh (openssl) makes what the compose override mounts: a service started with its
/// restaurant certificate serves the worker's and the Order service's client certificates and refuses a caller
/// without one; a second run keeps every file.
/// </summary>
public sealed class CertificateScriptTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fooddelivery-make-certs-").FullName;

    private string Certificates => Path.Combine(_directory, "certs");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleanup takes it.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task MakeCerts_Twice_ServesTheCallersCertificatesAndKeepsEveryFile()
    {
        await RunScriptAsync();
        var first = Snapshot();
        await RunScriptAsync();

        Snapshot().Should().Equal(first, "a second run keeps the CA and every valid certificate");
        first.Keys.Should().Contain(["ca.crt", "payment.crt", "restaurant.crt", "delivery.crt", "order.crt", "orchestrator-client.crt", "order-client.crt"]);
        await using var restaurant = await ServiceHost.StartAsync(new RestaurantServiceModule(), new ServiceHostOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(_directory, "data"),
            Settings = new Dictionary<string, string?>
            {
                ["Transport:Tls:CertificatePath"] = Pem("restaurant.crt"),
                ["Transport:Tls:KeyPath"] = Pem("restaurant.key"),
                ["Transport:Tls:ClientCaPath"] = Pem("ca.crt"),
                ["Transport:Tls:RequireClientCertificate"] = "true",
            },
        });
        var address = new UriBuilder(restaurant.Address) { Host = "localhost" }.Uri;

        (await ListAsync(address, "orchestrator-client")).Restaurants.Should().NotBeEmpty();
        (await ListAsync(address, "order-client")).Restaurants.Should().NotBeEmpty();
        var anonymous = () => ListAsync(address, client: null);
        // Refused at the handshake: a reset or an HTTP/2 connection that never came up, depending on what the client reads first.
        var refused = (await anonymous.Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().BeOneOf([StatusCode.Unavailable, StatusCode.Internal], refused.Status.Detail);
        refused.GetRpcStatus().Should().BeNull("the service never answered: " + refused.Status.Detail);
    }

    private async Task<ListRestaurantsResponse> ListAsync(Uri address, string? client)
    {
        var tls = new TlsOptions
        {
            ClientCertificatePath = client is null ? null : Pem(client + ".crt"),
            ClientKeyPath = client is null ? null : Pem(client + ".key"),
            ServerCaPath = Pem("ca.crt"),
        };
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = ServiceChannelTransport.CreateHandler(tls) });
        return await new RestaurantService.RestaurantServiceClient(channel)
            .ListRestaurantsAsync(new ListRestaurantsRequest(), As(DevelopmentTokens.Default.Orchestrator()));
    }

    private string Pem(string file) => Path.Combine(Certificates, file);

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(Certificates).ToDictionary(file => Path.GetFileName(file), File.ReadAllText);

    private async Task RunScriptAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "mtls", "make-certs.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, Certificates])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.ExitCode.Should().Be(0, $"make-certs.sh needs bash and openssl\n{await output}\n{await errors}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FoodDelivery.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FoodDelivery.sln not found above " + AppContext.BaseDirectory);
    }
}

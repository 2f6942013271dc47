using FoodDelivery.Contracts;
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
/// mTLS on a real service over loopback (Transport:Tls): the caller's certificate is checked at the TLS handshake
/// against the private CA only, before any RPC runs; the bearer token is still checked per call after it.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-mtls-data-").FullName;
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await StartRestaurantAsync(_certificates.ServerSettings());

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        _certificates.Dispose();
        TryDelete(_dataDirectory);
    }

    [Fact]
    public async Task Call_TrustedClientCertificateAndToken_Succeeds()
    {
        _service.Address.Scheme.Should().Be("https");

        var restaurants = await ListRestaurantsAsync(_certificates.Client, DevelopmentTokens.Default.Orchestrator());

        restaurants.Restaurants.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Call_NoClientCertificate_RefusedAtHandshake()
    {
        var call = () => ListRestaurantsAsync(client: null, DevelopmentTokens.Default.Orchestrator());

        await ShouldBeRefusedAtHandshakeAsync(call);
    }

    [Fact]
    public async Task Call_ClientCertificateOfAnotherCa_RefusedAtHandshake()
    {
        var call = () => ListRestaurantsAsync(_certificates.RogueClient, DevelopmentTokens.Default.Orchestrator());

        await ShouldBeRefusedAtHandshakeAsync(call);
    }

    [Fact]
    public async Task Call_ExpiredClientCertificate_RefusedAtHandshake()
    {
        var call = () => ListRestaurantsAsync(_certificates.ExpiredClient, DevelopmentTokens.Default.Orchestrator());

        await ShouldBeRefusedAtHandshakeAsync(call);
    }

    [Fact]
    public async Task Call_TrustedClientCertificateWithoutToken_IsUnauthenticated()
    {
        // mTLS says which workload connects; the token still says which party acts.
        var call = () => ListRestaurantsAsync(_certificates.Client, token: null);

        await ((Func<Task>)call).ShouldBeRefusedAsync(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);
    }

    [Fact]
    public async Task Call_ServerCertificateOfAnotherCa_RefusedByTheCaller()
    {
        await using var impostor = await StartRestaurantAsync(_certificates.ServerSettings(_certificates.RogueServer), "impostor");

        var call = () => ListRestaurantsAsync(_certificates.Client, DevelopmentTokens.Default.Orchestrator(), impostor.Address);

        // The caller's own check fails the handshake, which gRPC reports as INTERNAL.
        var refused = (await call.Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().Be(StatusCode.Internal, refused.Status.Detail);
        refused.Status.Detail.Should().Contain("SSL connection could not be established");
    }

    [Fact]
    public async Task Start_ClientCertificateRequiredWithoutClientCa_RefusesToStartNamingTheSetting()
    {
        var settings = _certificates.ServerSettings();
        settings.Remove("Transport:Tls:ClientCaPath");

        var start = () => StartRestaurantAsync(settings, "no-ca");

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Transport:Tls:ClientCaPath");
    }

    [Fact]
    public async Task Start_KeyOfAnotherCertificate_RefusesToStartNamingTheSetting()
    {
        var settings = _certificates.ServerSettings();
        settings["Transport:Tls:KeyPath"] = _certificates.Client.KeyPath;

        var start = () => StartRestaurantAsync(settings, "wrong-key");

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Transport:Tls:CertificatePath");
    }

    private async Task<ListRestaurantsResponse> ListRestaurantsAsync(PemPair? client, string? token, Uri? address = null)
    {
        using var channel = GrpcChannel.ForAddress(
            address ?? _service.Address,
            new GrpcChannelOptions { HttpHandler = ServiceChannelTransport.CreateHandler(_certificates.ClientOptions(client)) });
        return await new RestaurantService.RestaurantServiceClient(channel).ListRestaurantsAsync(new ListRestaurantsRequest(), As(token));
    }

    /// <summary>
    /// The server drops the connection before any RPC runs, so the call never starts. With TLS 1.3 the client learns
    /// of the refused certificate only after its side of the handshake: as a reset (UNAVAILABLE) or as an HTTP/2
    /// connection that never came up (INTERNAL), whichever it reads first; never as an answer of the service.
    /// </summary>
    private static async Task ShouldBeRefusedAtHandshakeAsync(Func<Task> call)
    {
        var refused = (await call.Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().BeOneOf([StatusCode.Unavailable, StatusCode.Internal], refused.Status.Detail);
        refused.Status.Detail.Should().StartWith("Error starting gRPC call", "the connection failed before the call started");
        refused.GetRpcStatus().Should().BeNull("the service never answered: " + refused.Status.Detail);
    }

    private Task<RunningService> StartRestaurantAsync(Dictionary<string, string?> settings, string folder = "restaurant") =>
        ServiceHost.StartAsync(new RestaurantServiceModule(), new ServiceHostOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(_dataDirectory, folder),
            Settings = settings,
        });

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleanup takes it.
        }
    }
}

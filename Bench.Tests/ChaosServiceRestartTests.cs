using FoodDelivery.Composition;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace FoodDelivery.Bench.Tests;

/// <summary>The outage the chaos run injects: one in-process service stopped, then started again where it was.</summary>
public sealed class ChaosServiceRestartTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fooddelivery-restart-").FullName;
    private FoodDeliveryServices _services = null!;

    public async Task InitializeAsync() => _services = await FoodDeliveryServices.StartAsync(new CompositionOptions { DataDirectory = _folder });

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RestartAsync_StoppedService_ServesAgainOnTheSamePortAndFile()
    {
        var address = _services.Payment.Address;
        using var channel = GrpcChannel.ForAddress(address);
        var health = new Health.HealthClient(channel);
        (await CheckAsync(health)).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);

        await _services.StopAsync("payment");
        var down = await FluentActions.Awaiting(() => CheckAsync(health)).Should().ThrowAsync<RpcException>();
        down.Which.StatusCode.Should().Be(StatusCode.Unavailable);
        await _services.RestartAsync("payment");

        _services.Payment.Address.Should().Be(address);
        // A new channel: the old one backs off after the refused connections, as any client would.
        using var again = GrpcChannel.ForAddress(address);
        (await CheckAsync(new Health.HealthClient(again))).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
        Directory.GetFiles(_folder, "payment.db*").Should().NotBeEmpty("the restarted service opened the same database file");
    }

    [Fact]
    public async Task StopAsync_UnknownService_RefusedNamingTheServices()
    {
        var stop = () => _services.StopAsync("kitchen");

        (await stop.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'kitchen'").And.Contain("payment");
    }

    private static async Task<HealthCheckResponse> CheckAsync(Health.HealthClient health) =>
        await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
}

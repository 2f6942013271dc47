using System.Net;
using System.Net.Sockets;
using FoodDelivery.DevServer;
using FoodDelivery.Orchestrator.Telemetry;
using Microsoft.Extensions.Configuration;
using Temporalio.Client;

namespace FoodDelivery.Observability.Tests;

/// <summary>The Temporal SDK's own metrics: off by default, to OTLP or a Prometheus endpoint when configured.</summary>
public sealed class TemporalRuntimeMetricsTests
{
    [Fact]
    public void From_NothingConfigured_NoExporterAndTheDefaultRuntime()
    {
        var options = TemporalRuntimeMetricsOptions.From(Configuration([]));

        options.Metrics.Should().Be(TemporalMetricsExporter.None);
        TemporalRuntimes.For(options).Should().BeNull();
    }

    [Fact]
    public void From_OtlpWithEndpointHeadersAndProtocol_ReadsTheOtelConventions()
    {
        var options = TemporalRuntimeMetricsOptions.From(Configuration(new()
        {
            ["Telemetry:Temporal:Metrics"] = "otlp",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=abc%3D,tenant=food",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }));

        options.Metrics.Should().Be(TemporalMetricsExporter.Otlp);
        options.OtlpEndpoint.Should().Be(new Uri("http://collector:4317"));
        options.OtlpHeaders.Select(h => $"{h.Key}: {h.Value}").Should().Equal("x-otlp-api-key: abc=", "tenant: food");
        options.OtlpOverHttp.Should().BeTrue();
    }

    [Theory]
    [InlineData("Otlp", null, "needs OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("Statsd", null, "must be None, Otlp or Prometheus")]
    [InlineData("Otlp", "not a uri", "not an absolute URI")]
    public void From_BadSettings_OneClearError(string exporter, string? endpoint, string message)
    {
        var act = () => TemporalRuntimeMetricsOptions.From(Configuration(new()
        {
            ["Telemetry:Temporal:Metrics"] = exporter,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
        }));

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public async Task Prometheus_ClientCallsTheServer_SdkMetricsServedOnTheEndpoint()
    {
        var address = $"127.0.0.1:{FreePort()}";
        var runtime = TemporalRuntimes.For(TemporalRuntimeMetricsOptions.From(Configuration(new()
        {
            ["Telemetry:Temporal:Metrics"] = "Prometheus",
            ["Telemetry:Temporal:PrometheusAddress"] = address,
        })));
        await using var server = await TemporalDevServer.StartAsync(new DevServerOptions());
        var client = await TemporalClient.ConnectAsync(new(server.TargetHost) { Namespace = server.Namespace, Runtime = runtime });

        await client.CountWorkflowsAsync(string.Empty);

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var body = string.Empty;
        while (!body.Contains("temporal_request", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            body = await http.GetStringAsync(new Uri($"http://{address}/metrics"));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        body.Should().Contain("temporal_request");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

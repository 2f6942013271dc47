using System.Net;
using System.Text;
using FoodDelivery.Orchestrator.Codec;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>The codec endpoint for the Temporal Web UI, over real HTTP on a loopback port.</summary>
public sealed class CodecEndpointTests : IAsyncLifetime
{
    private const string Namespace = "default";
    private const string UiOrigin = "http://localhost:8080";

    private static readonly string Key = TestKeys.NewKey();

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private CodecEndpoint _endpoint = null!;

    public async Task InitializeAsync() =>
        _endpoint = await CodecEndpoint.StartAsync(
            new CodecEndpointOptions { Url = new Uri("http://127.0.0.1:0"), CorsOrigins = [UiOrigin] },
            TestKeys.Codec("k1", ("k1", Key)),
            Namespace);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task PostEncodeThenDecode_ClearPayload_RoundTripsThroughEncryption()
    {
        var clear = DataConverter.Default.PayloadConverter.ToPayload(new { Street = "Geheimweg 42" });

        var encoded = await PostAsync("/encode", clear);
        var decoded = await PostAsync("/decode", encoded.Single());

        AesGcmPayloadCodec.IsEncrypted(encoded.Single()).Should().BeTrue();
        encoded.Single().Metadata[AesGcmPayloadCodec.KeyIdKey].ToStringUtf8().Should().Be("k1");
        decoded.Single().Should().Be(clear);
    }

    [Fact]
    public async Task PostDecode_PayloadEncryptedInProcess_ReturnsItInClear()
    {
        var encrypted = await TestKeys.Codec("k1", ("k1", Key)).EncodeSingleAsync(
            DataConverter.Default.PayloadConverter.ToPayload("tok_visa"));

        var decoded = await PostAsync("/decode", encrypted);

        DataConverter.Default.PayloadConverter.ToValue<string>(decoded.Single()).Should().Be("tok_visa");
    }

    [Fact]
    public async Task Preflight_FromTheConfiguredUiOrigin_IsAllowed()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(_endpoint.Address, "/decode"));
        preflight.Headers.Add("Origin", UiOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-namespace");

        using var response = await _http.SendAsync(preflight);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(UiOrigin);
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).Should().ContainEquivalentOf("x-namespace");
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(_endpoint.Address, "/decode"));
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _http.SendAsync(preflight);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task PostDecode_AnotherNamespace_IsRefused()
    {
        using var response = await SendAsync("/decode", Body(DataConverter.Default.PayloadConverter.ToPayload("x")), "payments");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("serves namespace 'default', not 'payments'");
    }

    [Fact]
    public async Task PostDecode_NotProtoJson_IsRefusedWithOneLine()
    {
        using var response = await SendAsync("/decode", "{\"payloads\": 42", Namespace);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("the body must be {\"payloads\":[...]} in proto3 JSON");
    }

    [Fact]
    public async Task PostDecode_TamperedPayload_IsRefusedNotGarbage()
    {
        var encrypted = await TestKeys.Codec("k1", ("k1", Key)).EncodeSingleAsync(DataConverter.Default.PayloadConverter.ToPayload("x"));
        var data = encrypted.Data.ToByteArray();
        data[^1] ^= 0x01;
        encrypted.Data = ByteString.CopyFrom(data);

        using var response = await SendAsync("/decode", Body(encrypted), Namespace);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("failed authentication");
    }

    private async Task<IReadOnlyList<Payload>> PostAsync(string path, Payload payload)
    {
        using var response = await SendAsync(path, Body(payload), Namespace);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonParser.Default.Parse<Payloads>(text).Payloads_;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string body, string @namespace)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint.Address, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CodecEndpoint.NamespaceHeader, @namespace);
        return await _http.SendAsync(request);
    }

    private static string Body(Payload payload) => JsonFormatter.Default.Format(new Payloads { Payloads_ = { payload } });
}

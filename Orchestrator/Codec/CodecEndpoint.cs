using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// Temporal's remote codec protocol over HTTP, so the Temporal Web UI (and `temporal --codec-endpoint`) can show
/// decrypted payloads: POST /encode and POST /decode take and return <c>{"payloads":[...]}</c> in proto3 JSON. A
/// request for another namespace (X-Namespace header) is refused; browsers are let in from the configured origins only.
/// </summary>
public sealed class CodecEndpoint : IAsyncDisposable
{
    public const string NamespaceHeader = "X-Namespace";
    private const long MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly WebApplication _app;

    private CodecEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address it listens on (with the actual port when port 0 was asked for).</summary>
    public Uri Address { get; }

    public static async Task<CodecEndpoint> StartAsync(
        CodecEndpointOptions options, IPayloadCodec codec, string @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(codec);
        var url = options.Url ?? throw new InvalidOperationException($"{CodecEndpointOptions.SectionName}:Url is not set");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Only what is set here: no appsettings or environment of the host process.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Services.AddCors();
        var app = builder.Build();
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors(policy => policy
                .WithOrigins([.. options.CorsOrigins])
                .WithMethods(HttpMethods.Post)
                .WithHeaders("content-type", NamespaceHeader, "authorization")
                .AllowCredentials());
        }

        app.MapPost("/encode", context => HandleAsync(context, @namespace, codec.EncodeAsync));
        app.MapPost("/decode", context => HandleAsync(context, @namespace, codec.DecodeAsync));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CodecEndpoint(app, new Uri(listening));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(
        HttpContext context, string @namespace, Func<IReadOnlyCollection<Payload>, Task<IReadOnlyCollection<Payload>>> transform)
    {
        var requested = context.Request.Headers[NamespaceHeader].ToString();
        if (requested.Length > 0 && requested != @namespace)
        {
            await RefuseAsync(context, $"this codec serves namespace '{@namespace}', not '{requested}'");
            return;
        }

        Payloads request;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            request = Parser.Parse<Payloads>(await reader.ReadToEndAsync(context.RequestAborted));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            await RefuseAsync(context, $"the body must be {{\"payloads\":[...]}} in proto3 JSON: {ex.Message}");
            return;
        }

        IReadOnlyCollection<Payload> result;
        try
        {
            result = await transform(request.Payloads_);
        }
        catch (PayloadDecryptionException ex)
        {
            await RefuseAsync(context, ex.Message);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonFormatter.Default.Format(new Payloads { Payloads_ = { result } }), context.RequestAborted);
    }

    private static async Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}

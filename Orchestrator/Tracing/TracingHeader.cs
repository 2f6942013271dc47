using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>
/// The trace context as it travels inside Temporal: the header <c>_tracer-data</c>, whose payload is a JSON object
/// (encoding json/plain) holding what the configured TextMapPropagator writes, e.g.
/// <c>{"traceparent":"00-&lt;trace id&gt;-&lt;span id&gt;-01"}</c>. Temporal's own tracing interceptors use the same key
/// and format, so traces join across SDKs.
/// </summary>
public static class TracingHeader
{
    public const string Key = "_tracer-data";

    /// <summary>Adds the header for <paramref name="context"/> (and the current baggage); returns the headers to send.</summary>
    public static IDictionary<string, Payload> Write(IDictionary<string, Payload>? headers, ActivityContext context)
    {
        var carrier = new Dictionary<string, string>(StringComparer.Ordinal);
        Propagators.DefaultTextMapPropagator.Inject(
            new PropagationContext(context, Baggage.Current), carrier, (map, key, value) => map[key] = value);
        headers ??= new Dictionary<string, Payload>(StringComparer.Ordinal);
        // Not encoded here: a payload codec, if any, encodes headers with everything else.
        headers[Key] = DataConverter.Default.PayloadConverter.ToPayload(carrier);
        return headers;
    }

    /// <summary>The context carried by the headers, or null when there is none (or it cannot be read).</summary>
    public static PropagationContext? Read(IReadOnlyDictionary<string, Payload>? headers)
    {
        if (headers is null || !headers.TryGetValue(Key, out var payload))
        {
            return null;
        }

        Dictionary<string, string>? carrier;
        try
        {
            carrier = DataConverter.Default.PayloadConverter.ToValue<Dictionary<string, string>>(payload);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            // A malformed header from another client must not fail the workflow: the span just starts a new trace.
            return null;
        }

        var context = Propagators.DefaultTextMapPropagator.Extract(
            default, carrier ?? [], (map, key) => map.TryGetValue(key, out var value) ? [value] : []);
        return context.ActivityContext.IsValid() ? context : null;
    }
}

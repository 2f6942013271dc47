using OpenTelemetry;
using OpenTelemetry.Logs;

namespace FoodDelivery.ServiceDefaults.Telemetry;

/// <summary>Runs before the exporters: masks sensitive attributes and text of every log record (see <see cref="SensitiveData"/>).</summary>
public sealed class RedactingLogProcessor : BaseProcessor<LogRecord>
{
    private const string OriginalFormat = "{OriginalFormat}";

    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sensitiveValues = new List<string>();
        if (data.Attributes is { Count: > 0 } attributes)
        {
            sensitiveValues.AddRange(attributes
                .Where(a => a.Key != OriginalFormat && SensitiveData.IsSensitiveName(a.Key))
                .Select(a => a.Value?.ToString())
                .OfType<string>()
                .Where(value => value.Length > 0));
            data.Attributes = [.. attributes.Select(Redact)];
        }

        if (data.FormattedMessage is { } message)
        {
            // The message has the sensitive attributes' values written into it, too.
            message = sensitiveValues.Aggregate(message, (text, value) => text.Replace(value, SensitiveData.Redacted, StringComparison.Ordinal));
            data.FormattedMessage = SensitiveData.Redact(message);
        }

        if (data.Body is { } body)
        {
            data.Body = SensitiveData.Redact(body);
        }
    }

    private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> attribute) => attribute switch
    {
        // The message template is not data.
        { Key: OriginalFormat } => attribute,
        _ when SensitiveData.IsSensitiveName(attribute.Key) => new(attribute.Key, SensitiveData.Redacted),
        { Value: string text } => new(attribute.Key, SensitiveData.Redact(text)),
        _ => attribute,
    };
}

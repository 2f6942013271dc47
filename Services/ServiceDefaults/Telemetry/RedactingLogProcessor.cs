using OpenTelemetry;
using OpenTelemetry.Logs;

namespace FoodDelivery.ServiceDefaults.Telemetry;

/// <summary>Runs before the exporters: masks sensitive attributes and text of every log record (see <see cref="SensitiveData"/>).</summary>
public sealed class RedactingLogProcessor : BaseProcessor<LogRecord>
{
    private const string OriginalFormat = "{OriginalFormat}";

    // The host and Kestrel log their listen endpoints as {address}: a network address that operators need, not a person's.
    private static readonly string[] EndpointLoggingCategories = ["Microsoft.Hosting.Lifetime", "Microsoft.AspNetCore.Server.Kestrel"];

    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sensitiveValues = new List<string>();
        if (data.Attributes is { Count: > 0 } attributes)
        {
            sensitiveValues.AddRange(attributes
                .Where(a => a.Key != OriginalFormat && IsSensitive(data, a.Key))
                .Select(a => a.Value?.ToString())
                .OfType<string>()
                .Where(value => value.Length > 0));
            data.Attributes = [.. attributes.Select(a => Redact(data, a))];
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

    private static bool IsSensitive(LogRecord record, string name) =>
        SensitiveData.IsSensitiveName(name)
        && !(name == "address" && EndpointLoggingCategories.Any(c => record.CategoryName?.StartsWith(c, StringComparison.Ordinal) == true));

    private static KeyValuePair<string, object?> Redact(LogRecord record, KeyValuePair<string, object?> attribute) => attribute switch
    {
        // The message template is not data.
        { Key: OriginalFormat } => attribute,
        _ when IsSensitive(record, attribute.Key) => new(attribute.Key, SensitiveData.Redacted),
        { Value: string text } => new(attribute.Key, SensitiveData.Redact(text)),
        _ => attribute,
    };
}

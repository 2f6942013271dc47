using FoodDelivery.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace FoodDelivery.Observability.Tests;

/// <summary>Exported logs never carry payment tokens, card numbers or addresses, whoever wrote the log statement.</summary>
public sealed class RedactionTests
{
    [Fact]
    public void RedactingLogProcessor_TokenCardAndAddressLogged_ExportersSeeThemRedacted()
    {
        var exported = new List<(string? Message, Dictionary<string, string?> Attributes)>();
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.IncludeFormattedMessage = true;
            otel.AddProcessor(new RedactingLogProcessor());
            otel.AddProcessor(new CapturingProcessor(exported));
        })))
        {
            var logger = factory.CreateLogger("payments");
#pragma warning disable CA1848, CA2254 // A deliberately careless log statement: the processor is the safety net.
            logger.LogWarning(
                "Charging {PaymentMethodToken} for order {OrderId}, deliver to {DeliveryAddress}; card 4242 4242 4242 4242, retry with tok_mastercard",
                "tok_visa", "ord-1", "Skalitzer Strasse 1, Berlin");
#pragma warning restore CA1848, CA2254
        }

        var (message, attributes) = exported.Should().ContainSingle().Subject;
        message.Should().NotContain("tok_visa").And.NotContain("tok_mastercard").And.NotContain("4242").And.NotContain("Skalitzer");
        message.Should().Contain("ord-1");
        attributes["PaymentMethodToken"].Should().Be(SensitiveData.Redacted);
        attributes["DeliveryAddress"].Should().Be(SensitiveData.Redacted);
        attributes["OrderId"].Should().Be("ord-1");
    }

    [Fact]
    public void RedactingLogProcessor_HostListenAddress_KeptWhileAnAddressElsewhereIsRedacted()
    {
        var exported = new List<(string? Message, Dictionary<string, string?> Attributes)>();
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.IncludeFormattedMessage = true;
            otel.AddProcessor(new RedactingLogProcessor());
            otel.AddProcessor(new CapturingProcessor(exported));
        })))
        {
#pragma warning disable CA1848, CA2254 // The host's own statement, and the same name used carelessly elsewhere.
            factory.CreateLogger("Microsoft.Hosting.Lifetime").LogInformation("Now listening on: {address}", "http://127.0.0.1:5101");
            factory.CreateLogger("orders").LogInformation("Deliver to {address}", "Skalitzer Strasse 1, Berlin");
#pragma warning restore CA1848, CA2254
        }

        exported.Should().HaveCount(2);
        exported[0].Message.Should().Be("Now listening on: http://127.0.0.1:5101");
        exported[1].Message.Should().NotContain("Skalitzer");
        exported[1].Attributes["address"].Should().Be(SensitiveData.Redacted);
    }

    [Theory]
    [InlineData("unknown payment method token 'tok_live_abc123'", "unknown payment method token '[redacted]'")]
    [InlineData("card 4111111111111111 declined", "card [redacted] declined")]
    [InlineData("order ord-42 waits 1500 ms", "order ord-42 waits 1500 ms")]
    public void Redact_Text_MasksTokensAndCardNumbersOnly(string text, string expected) =>
        SensitiveData.Redact(text).Should().Be(expected);

    /// <summary>Stands in for an exporter: what it sees is what would leave the process.</summary>
    private sealed class CapturingProcessor(List<(string? Message, Dictionary<string, string?> Attributes)> exported) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data) => exported.Add((
            data.FormattedMessage,
            data.Attributes?.ToDictionary(a => a.Key, a => a.Value?.ToString()) ?? []));
    }
}

using FoodDelivery.Orchestrator.Codec;
using FoodDelivery.Orchestrator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace FoodDelivery.Workflows.Tests.Security;

/// <summary>Keys from configuration: what is accepted, what is refused with one clear sentence.</summary>
public sealed class PayloadKeyConfigurationTests
{
    [Fact]
    public void TemporalOptionsFrom_EncryptionSection_EncryptsWithTheActiveKey()
    {
        var key = TestKeys.NewKey();
        var configuration = Configuration(new()
        {
            ["Temporal:Address"] = "127.0.0.1:7233",
            ["Temporal:Encryption:ActiveKeyId"] = "2026-11",
            ["Temporal:Encryption:Keys:2026-11"] = key,
            ["Temporal:Encryption:Keys:2026-05"] = TestKeys.NewKey(),
        });

        var temporal = TemporalOptions.From(configuration);
        var codec = (AesGcmPayloadCodec)temporal.ToConnectOptions().DataConverter.PayloadCodec!;

        temporal.Encryption.UsesDevelopmentKey.Should().BeFalse();
        codec.Keys.ActiveKeyId.Should().Be("2026-11");
        codec.Keys.KeyIds.Should().BeEquivalentTo("2026-11", "2026-05");
        codec.Keys.ActiveKey.Should().Equal(Convert.FromBase64String(key));
    }

    [Fact]
    public void TemporalOptionsFrom_NothingConfigured_UsesTheDevelopmentKey()
    {
        var temporal = TemporalOptions.From(Configuration(new() { ["Temporal:Address"] = "127.0.0.1:7233" }));

        var codec = (AesGcmPayloadCodec)temporal.ToConnectOptions().DataConverter.PayloadCodec!;

        temporal.Encryption.UsesDevelopmentKey.Should().BeTrue();
        codec.Keys.ActiveKeyId.Should().Be(PayloadEncryptionOptions.DevelopmentKeyId);
    }

    [Theory]
    [InlineData("k1", "not base64!", "*Keys:k1 is not base64*")]
    [InlineData("k1", "c2hvcnQ=", "*Keys:k1 is 5 bytes*exactly 32*")]
    [InlineData("missing", null, "*ActiveKeyId 'missing' has no key*Keys:missing*")]
    [InlineData(null, null, "*ActiveKeyId is not set*")]
    public void PayloadKeyRingFrom_BadKeys_RefusesWithOneSentence(string? activeKeyId, string? k1, string expected)
    {
        var options = new PayloadEncryptionOptions
        {
            ActiveKeyId = activeKeyId,
            Keys = new Dictionary<string, string> { ["k1"] = k1 ?? TestKeys.NewKey() },
        };

        var build = () => PayloadKeyRing.From(options);

        build.Should().Throw<InvalidOperationException>().WithMessage(expected);
    }

    [Fact]
    public void ThrowIfRefused_DevelopmentKeyInProduction_Refuses()
    {
        var check = () => DevelopmentKeyGuard.ThrowIfRefused(PayloadEncryptionOptions.Development, Environment(Environments.Production));

        check.Should().Throw<InvalidOperationException>().WithMessage("*development payload encryption key is refused in the Production*");
    }

    [Fact]
    public void ThrowIfRefused_ConfiguredKeysInProductionOrDevelopmentKeyInDevelopment_Allows()
    {
        var configuredInProduction = () =>
            DevelopmentKeyGuard.ThrowIfRefused(TestKeys.Options("k1", ("k1", TestKeys.NewKey())), Environment(Environments.Production));
        var developmentKeyInDevelopment = () =>
            DevelopmentKeyGuard.ThrowIfRefused(PayloadEncryptionOptions.Development, Environment(Environments.Development));

        configuredInProduction.Should().NotThrow();
        developmentKeyInDevelopment.Should().NotThrow();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IHostEnvironment Environment(string name) => new TestEnvironment { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

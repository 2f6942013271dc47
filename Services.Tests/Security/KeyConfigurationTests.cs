using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Payment.V1;
using FoodDelivery.Payment;
using FoodDelivery.ServiceDefaults.Hosting;
using FoodDelivery.ServiceDefaults.Security;
using FoodDelivery.ServiceDefaults.Telemetry;
using Grpc.Core;
using Grpc.Net.Client;
using static FoodDelivery.Security.Tests.SecuredSystem;

namespace FoodDelivery.Security.Tests;

/// <summary>
/// Keys and their configuration: the public development keys are refused in Production, configured keys replace them,
/// several keys validate at once (rotation), bad keys stop the service at start, and tokens never reach telemetry.
/// </summary>
public sealed class KeyConfigurationTests : IDisposable
{
    private static readonly string ClientKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string InternalKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    private static readonly string OldInternalKey = Convert.ToBase64String(Enumerable.Range(201, 40).Select(i => (byte)i).ToArray());

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-security-").FullName;

    [Fact]
    public async Task StartService_ProductionWithoutKeys_RefusesToStartNamingTheSetting()
    {
        var start = () => ServiceHost.StartAsync(new PaymentServiceModule(), Options("Production", new Dictionary<string, string?>()));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Auth:SigningKeys");
    }

    [Fact]
    public async Task ProductionWithConfiguredKeys_DevelopmentTokenRefusedConfiguredTokensOfEveryKeyAccepted()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://id.example",
            ["Auth:SigningKeys:0"] = ClientKey,
            ["Auth:Internal:Issuer"] = "https://id.example/internal",
            ["Auth:Internal:SigningKeys:0"] = InternalKey,
            ["Auth:Internal:SigningKeys:1"] = OldInternalKey,
        };
        await using var service = await ServiceHost.StartAsync(new PaymentServiceModule(), Options("Production", settings));
        using var channel = GrpcChannel.ForAddress(service.Address);
        var client = new PaymentService.PaymentServiceClient(channel);
        var request = new GetPaymentRequest { OrderId = "ord-none" };
        var configured = new AuthOptions { Issuer = "https://id.example", SigningKeys = [ClientKey] };
        configured.Internal.Issuer = "https://id.example/internal";
        configured.Internal.SigningKeys.Add(OldInternalKey);
        var signedWithOldKey = new DevelopmentTokens(configured.Resolve(isProduction: false));

        await ((Func<Task>)(() => client.GetPaymentAsync(request, As(DevelopmentTokens.Default.Orchestrator())).ResponseAsync))
            .ShouldBeRefusedAsync(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);
        await ((Func<Task>)(() => client.GetPaymentAsync(request, As(signedWithOldKey.Orchestrator())).ResponseAsync))
            .ShouldBeRefusedAsync(StatusCode.NotFound, ErrorReasons.NotFound);
    }

    [Fact]
    public void TokenAuthority_KeyShorterThan256Bits_RefusedWithOneLine()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);

        var create = () => new TokenAuthority("issuer", "audience", [shortKey]);

        create.Should().Throw<InvalidOperationException>().WithMessage("*16 bytes; at least 32*");
    }

    [Fact]
    public void SensitiveData_TextWithBearerToken_TokenMasked()
    {
        var token = DevelopmentTokens.Default.Customer("cust-1");

        var masked = SensitiveData.Redact($"call failed, authorization: Bearer {token} (retrying)");

        masked.Should().NotContain(token).And.NotContain(token.Split('.')[1]).And.Contain(SensitiveData.Redacted);
        SensitiveData.IsSensitiveName("Authorization").Should().BeTrue();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; it is under the temp folder.
        }
    }

    private ServiceHostOptions Options(string environment, IDictionary<string, string?> settings) => new()
    {
        Port = 0,
        DataDirectory = _dataDirectory,
        EnvironmentName = environment,
        Settings = settings,
    };
}

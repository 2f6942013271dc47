using FoodDelivery.Contracts;
using FoodDelivery.Orchestrator;
using FoodDelivery.ServiceDefaults.Security;
using Grpc.Core;
using Grpc.Health.V1;
using static FoodDelivery.Security.Tests.SecuredSystem;

namespace FoodDelivery.Security.Tests;

/// <summary>The client-facing Order API without a valid client token: UNAUTHENTICATED with the reason, and nothing started.</summary>
[Collection(SecuredSystemCollection.Name)]
public sealed class ClientAuthenticationTests(SecuredSystem system)
{
    private const string Customer = "cust-auth";

    [Fact]
    public async Task PlaceOrder_NoToken_UnauthenticatedAndNoSagaStarted()
    {
        var request = NewOrder(Customer);

        var refusal = await PlaceAsync(request, token: null);

        refusal.Status.Detail.Should().Contain("no bearer token");
        (await system.SagaExistsAsync(WireNames.OrderIdFor(Customer, request.ClientRequestId))).Should().BeFalse();
    }

    [Fact]
    public async Task PlaceOrder_ExpiredToken_UnauthenticatedSaysExpiredAndNoSagaStarted()
    {
        var request = NewOrder(Customer);
        var expired = TokenIssuer.Issue(
            system.Tokens.Authorities.Clients, Customer, [Roles.Customer], lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1));

        var refusal = await PlaceAsync(request, expired);

        refusal.Status.Detail.Should().Contain("expired");
        (await system.SagaExistsAsync(WireNames.OrderIdFor(Customer, request.ClientRequestId))).Should().BeFalse();
    }

    [Fact]
    public async Task PlaceOrder_WrongAudience_UnauthenticatedSaysAudience()
    {
        var clients = system.Tokens.Authorities.Clients;
        var otherAudience = new TokenAuthority(clients.Issuer, "some-other-api", [DevelopmentKeys.ClientKey]);

        var refusal = await PlaceAsync(NewOrder(Customer), TokenIssuer.Issue(otherAudience, Customer, [Roles.Customer]));

        refusal.Status.Detail.Should().Contain("another audience");
    }

    [Fact]
    public async Task PlaceOrder_BadSignature_UnauthenticatedSaysSignature()
    {
        var clients = system.Tokens.Authorities.Clients;
        var forged = new TokenAuthority(clients.Issuer, clients.Audience, [Convert.ToBase64String(new byte[48])]);

        var refusal = await PlaceAsync(NewOrder(Customer), TokenIssuer.Issue(forged, Customer, [Roles.Customer]));

        refusal.Status.Detail.Should().Contain("signature");
    }

    [Fact]
    public async Task PlaceOrder_TamperedPayload_Unauthenticated()
    {
        // Same header and signature, but the payload now names another customer: the signature no longer matches.
        var genuine = system.Tokens.Customer(Customer).Split('.');
        var otherPayload = system.Tokens.Customer("cust-victim").Split('.')[1];

        await PlaceAsync(NewOrder("cust-victim"), $"{genuine[0]}.{otherPayload}.{genuine[2]}");
    }

    [Fact]
    public async Task PlaceOrder_NotAJwt_UnauthenticatedSaysMalformed()
    {
        var refusal = await PlaceAsync(NewOrder(Customer), "not-a-jwt");

        refusal.Status.Detail.Should().Contain("not a well-formed JWT");
    }

    [Fact]
    public async Task PlaceOrder_ServiceIdentityToken_Unauthenticated()
    {
        var refusal = await PlaceAsync(NewOrder(Customer), system.Tokens.Orchestrator());

        refusal.Status.Detail.Should().Contain("needs a client token");
    }

    [Fact]
    public async Task GetOrderView_NoToken_Unauthenticated()
    {
        await ((Func<Task>)(() => system.Ordering.GetOrderViewAsync(new() { OrderId = "ord-anything" }, As(null)).ResponseAsync))
            .ShouldBeRefusedAsync(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);
    }

    [Fact]
    public async Task HealthCheck_NoToken_Serving()
    {
        var health = new Health.HealthClient(system.Stack.OrderChannel);

        var answer = await health.CheckAsync(new HealthCheckRequest(), As(null));

        answer.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    private Task<RpcException> PlaceAsync(Contracts.Order.V1.PlaceOrderRequest request, string? token) =>
        ((Func<Task>)(() => system.Ordering.PlaceOrderAsync(request, As(token)).ResponseAsync))
            .ShouldBeRefusedAsync(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated);
}

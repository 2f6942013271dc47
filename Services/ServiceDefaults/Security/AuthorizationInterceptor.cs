using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// Checks every RPC's caller before the RPC runs: the bearer token of the audience its <see cref="AllowCallersAttribute"/>
/// names (UNAUTHENTICATED when missing or invalid, with the reason), then the role (PERMISSION_DENIED). An RPC without
/// the attribute is refused; only gRPC's own health and reflection services are open. On success the caller is the
/// request's user (<see cref="CallerIdentity.Of"/>).
/// </summary>
public sealed class AuthorizationInterceptor(ResolvedAuth authorities) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthorizeAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthorizeAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthorizeAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthorizeAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AuthorizeAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsOpen(context.Method))
        {
            return;
        }

        var http = context.GetHttpContext();
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<AllowCallersAttribute>()
            ?? throw AuthErrors.PermissionDenied($"{context.Method} has no access policy, so nobody may call it");
        var authority = policy.Audience == TokenAudience.Internal ? authorities.Internal : authorities.Clients;
        var result = await http.AuthenticateAsync(AuthenticationSetup.SchemeFor(policy.Audience));
        if (!result.Succeeded)
        {
            throw AuthErrors.Unauthenticated(Explain(result, authority, policy.Audience));
        }

        var caller = new CallerIdentity(result.Principal);
        if (policy.Roles.Count > 0 && !policy.Roles.Any(caller.Roles.Contains))
        {
            throw AuthErrors.PermissionDenied(
                $"{context.Method} needs the role {string.Join(" or ", policy.Roles)}; the token has {Describe(caller.Roles)}");
        }

        http.User = result.Principal;
    }

    /// <summary>gRPC's health checks (load balancers, the AppHost) and reflection (grpcurl) carry no business data.</summary>
    private static bool IsOpen(string method) =>
        method.StartsWith("/grpc.health.", StringComparison.Ordinal) || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    private static string Explain(AuthenticateResult result, TokenAuthority authority, TokenAudience audience)
    {
        var wanted = audience == TokenAudience.Internal
            ? $"a service-identity token (audience '{authority.Audience}')"
            : $"a client token (audience '{authority.Audience}')";
        var why = result.Failure switch
        {
            null => "no bearer token was sent (metadata 'authorization: Bearer <JWT>')",
            SecurityTokenExpiredException expired => $"the bearer token expired at {expired.Expires:u}",
            SecurityTokenNotYetValidException early => $"the bearer token is not valid before {early.NotBefore:u}",
            SecurityTokenInvalidAudienceException => "the bearer token was issued for another audience",
            SecurityTokenInvalidIssuerException => $"the bearer token was not issued by '{authority.Issuer}'",
            SecurityTokenInvalidSignatureException => "the bearer token's signature does not verify with any configured key",
            SecurityTokenMalformedException or ArgumentException => "the bearer token is not a well-formed JWT",
            _ => "the bearer token was refused",
        };
        return $"{why}; this RPC needs {wanted}";
    }

    private static string Describe(IReadOnlySet<string> roles) =>
        roles.Count == 0 ? "no role" : $"role {string.Join(", ", roles.Order(StringComparer.Ordinal))}";
}

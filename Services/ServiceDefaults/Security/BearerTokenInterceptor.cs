using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// Client-side call credentials: adds "authorization: Bearer &lt;token&gt;" to every call, the token chosen per call
/// (by gRPC service name and request). Works on plain h2c channels, where gRPC's CallCredentials are refused. A call
/// that already carries an authorization header keeps it.
/// </summary>
public sealed class BearerTokenInterceptor(Func<string, object, string?> tokenFor) : Interceptor
{
    public const string HeaderName = "authorization";

    /// <summary>The same token on every call, e.g. one the CLI got with --token.</summary>
    public BearerTokenInterceptor(string token)
        : this((_, _) => token)
    {
    }

    /// <summary>A token from <paramref name="token"/> on every call, e.g. <see cref="ServiceCredential.Token"/>.</summary>
    public BearerTokenInterceptor(Func<string> token)
        : this((_, _) => token())
    {
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, WithToken(request, context));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, WithToken(request, context));
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, WithToken(request, context));
    }

    private ClientInterceptorContext<TRequest, TResponse> WithToken<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        if (context.Options.Headers?.Get(HeaderName) is not null || tokenFor(context.Method.ServiceName, request) is not { } token)
        {
            return context;
        }

        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }

        headers.Add(HeaderName, "Bearer " + token);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}

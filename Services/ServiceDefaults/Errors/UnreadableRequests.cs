using System.Runtime.CompilerServices;
using Grpc.Core;

namespace FoodDelivery.ServiceDefaults.Errors;

/// <summary>
/// A request body that is not a valid message is refused only after the caller's token was checked: the strict
/// marshaller (<see cref="MalformedRequestRefusal"/>) hands on an empty placeholder that carries the refusal, and
/// <see cref="Interceptor"/>, which runs after the authorization interceptor, answers with it. So a caller without a
/// valid token always gets UNAUTHENTICATED, never a hint about what the service makes of the bytes it sent.
/// </summary>
public static class UnreadableRequests
{
    private static readonly ConditionalWeakTable<object, ServiceException> Refusals = new();

    /// <summary>A fresh empty request that stands for an unreadable body until <see cref="Interceptor"/> refuses it.</summary>
    public static TRequest Placeholder<TRequest>(ServiceException refusal)
        where TRequest : class
    {
        var placeholder = Activator.CreateInstance<TRequest>();
        Refusals.Add(placeholder, refusal);
        return placeholder;
    }

    /// <summary>Refuses a placeholder with the refusal of its body; any real request goes on.</summary>
    public sealed class Interceptor : Grpc.Core.Interceptors.Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            ArgumentNullException.ThrowIfNull(continuation);
            ThrowIfPlaceholder(request);
            return continuation(request, context);
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(
            TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            ArgumentNullException.ThrowIfNull(continuation);
            ThrowIfPlaceholder(request);
            return continuation(request, responseStream, context);
        }

        private static void ThrowIfPlaceholder(object request)
        {
            if (Refusals.TryGetValue(request, out var refusal))
            {
                Refusals.Remove(request);
                throw refusal;
            }
        }
    }
}

using FoodDelivery.ServiceDefaults.Idempotency;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FoodDelivery.ServiceDefaults.FaultInjection;

/// <summary>Applies <see cref="FaultInjector"/> decisions to mutating unary calls (those with an idempotency key).</summary>
public sealed class FaultInjectionInterceptor(FaultInjector injector) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var decision = injector.Decide(request is IMessage message ? RequestFingerprint.KeyOf(message) : null);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, context.CancellationToken);
        }

        if (decision.FailTransiently)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "injected transient fault"));
        }

        var response = await continuation(request, context);
        if (decision.DelayAfterEffect > TimeSpan.Zero)
        {
            await Task.Delay(decision.DelayAfterEffect, CancellationToken.None);
        }

        return response;
    }
}

using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoodDelivery.ServiceDefaults.Errors;

/// <summary>
/// Turns exceptions into gRPC statuses at the edge: <see cref="ServiceException"/> into its rich status, a lost
/// optimistic-concurrency race into ABORTED (retryable), and anything unexpected into INTERNAL without leaking
/// internals. A caller never sees UNKNOWN.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } mapped)
        {
            throw mapped;
        }
    }

    private RpcException? Map(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case RpcException:
                return null;
            case ServiceException service:
                return service.ToRpcException();
            case DbUpdateConcurrencyException:
                return ServiceErrors.Contention("the data changed concurrently; retry the request").ToRpcException();
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
            default:
                LogUnexpected(logger, ex, context.Method);
                return new RpcException(new Status(StatusCode.Internal, "internal error; see the service log"));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in {Method}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}

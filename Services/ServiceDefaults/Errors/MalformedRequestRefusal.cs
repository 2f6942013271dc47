using System.Reflection;
using Google.Protobuf;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoodDelivery.ServiceDefaults.Errors;

/// <summary>
/// A request body that is not a valid protobuf message is the caller's fault: it gets INVALID_ARGUMENT (with a
/// BadRequest naming the request and an ErrorInfo), not the UNKNOWN "Exception was thrown by handler." that
/// Grpc.AspNetCore answers when the generated deserializer throws, before any interceptor runs. The services are bound
/// as Grpc.AspNetCore binds them (the generated BindService, the overriding methods, their attributes as endpoint
/// metadata); only each request marshaller is wrapped. The refusal of a unary or server-streaming request is answered
/// after the caller's token was checked (<see cref="UnreadableRequests"/>): without a valid token, UNAUTHENTICATED.
/// </summary>
public static class MalformedRequestRefusal
{
    /// <summary>Replaces Grpc.AspNetCore's default method provider; call after AddGrpc.</summary>
    public static IServiceCollection RefuseMalformedRequests(this IServiceCollection services)
    {
        // Last in the chain (after the authorization interceptor AddGrpc registered): the refusal waits for the token check.
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<UnreadableRequests.Interceptor>());
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(StrictServiceMethodProvider<>)));
        return services;
    }

    /// <summary>The request marshaller of <paramref name="method"/>, except that an unreadable body is refused as bad input.</summary>
    public static Method<TRequest, TResponse> WithStrictRequests<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        var inner = method.RequestMarshaller;
        // A unary or server-streaming request is read before any interceptor runs: its refusal is deferred (UnreadableRequests).
        var deferred = method.Type is MethodType.Unary or MethodType.ServerStreaming;
        var strict = Marshallers.Create<TRequest>(
            inner.ContextualSerializer,
            context =>
            {
                try
                {
                    return inner.ContextualDeserializer(context);
                }
                catch (InvalidProtocolBufferException ex) when (deferred)
                {
                    return UnreadableRequests.Placeholder<TRequest>(Refusal(method.FullName, ex));
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw Refusal(method.FullName, ex).ToRpcException();
                }
            });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, strict, method.ResponseMarshaller);
    }

    private static ServiceException Refusal(string method, InvalidProtocolBufferException ex) =>
        ServiceErrors.InvalidArgument(
        [
            new BadRequest.Types.FieldViolation
            {
                Field = "request",
                Description = $"the body is not a valid request message for {method}: {ex.Message}",
            },
        ]);

    /// <summary>Grpc.AspNetCore's binder-based provider with strict request marshallers.</summary>
    private sealed class StrictServiceMethodProvider<TService> : IServiceMethodProvider<TService>
        where TService : class
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
        {
            // The generated base class names its static BindService(ServiceBinderBase, TServiceBase).
            var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
            var bind = attribute?.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == attribute.BindMethodName
                    && m.GetParameters() is [var binder, _] && binder.ParameterType == typeof(ServiceBinderBase));
            if (bind is null)
            {
                return;
            }

            var serviceBaseType = bind.GetParameters()[1].ParameterType;
            bind.Invoke(null, [new StrictBinder<TService>(context, serviceBaseType), null]);
        }
    }

    /// <summary>Receives the generated methods and adds each to the endpoint model, invoking the service's override.</summary>
    private sealed class StrictBinder<TService>(ServiceMethodProviderContext<TService> context, Type serviceBaseType) : ServiceBinderBase
        where TService : class
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(WithStrictRequests(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(WithStrictRequests(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(WithStrictRequests(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(WithStrictRequests(method), metadata, invoker);
        }

        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var handler = FindOverride(name, parameters)
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }

        // The public instance method that overrides the generated base's virtual one (a hiding method is skipped).
        private MethodInfo? FindOverride(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null);
                if (method is null)
                {
                    return null;
                }

                if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == serviceBaseType)
                {
                    return method;
                }
            }

            return null;
        }
    }
}

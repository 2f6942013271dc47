using FoodDelivery.ServiceDefaults.Security;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>
/// Sends arbitrary bytes as the request body of a real RPC, bypassing the generated client and its serializer: what a
/// broken or hostile client could put on the wire.
/// </summary>
public static class RawGrpcCall
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    /// <summary>Every RPC of the given services, as the descriptors of the .proto files list them.</summary>
    public static IReadOnlyList<MethodDescriptor> MethodsOf(params ServiceDescriptor[] services) =>
        [.. services.SelectMany(s => s.Methods)];

    /// <summary>Calls <paramref name="method"/> with <paramref name="body"/>; a server stream is read to its end.</summary>
    public static Task<RpcOutcome> SendAsync(GrpcChannel channel, MethodDescriptor method, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(channel);
        // Signed as the request's party would be (development tokens): the bytes, not the caller, are under test.
        return SendAsync(channel.WithDevelopmentTokens(), method, body, headers: null);
    }

    /// <summary>The same through <paramref name="invoker"/> with exactly <paramref name="headers"/>, e.g. a bad or missing token.</summary>
    public static Task<RpcOutcome> SendAsync(CallInvoker invoker, MethodDescriptor method, byte[] body, Metadata? headers)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(method);
        var options = new CallOptions(headers, deadline: DateTime.UtcNow.AddSeconds(60));
        if (method.IsServerStreaming)
        {
            var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, Bytes, Bytes);
            return RpcOutcome.OfAsync(async () =>
            {
                using var call = invoker.AsyncServerStreamingCall(streaming, null, options, body);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    // Drain: the answer that matters is the final status.
                }
            });
        }

        var unary = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, Bytes, Bytes);
        return RpcOutcome.OfAsync(async () =>
        {
            using var call = invoker.AsyncUnaryCall(unary, null, options, body);
            await call.ResponseAsync;
        });
    }
}

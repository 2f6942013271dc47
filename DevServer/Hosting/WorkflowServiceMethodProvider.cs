using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Hosting;

/// <summary>
/// Binds every method of temporal.api.workflowservice.v1.WorkflowService, read from the descriptor that ships in the
/// Temporalio package, to <see cref="WorkflowServiceEndpoint"/>. No .proto files or generated server base class are
/// needed: each method is bound as Method&lt;IMessage, IMessage&gt; with marshallers from the message parsers.
/// </summary>
internal sealed class WorkflowServiceMethodProvider : IServiceMethodProvider<WorkflowServiceEndpoint>
{
    public static Google.Protobuf.Reflection.ServiceDescriptor Service =>
        ServiceReflection.Descriptor.Services.Single(s => s.Name == "WorkflowService");

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<WorkflowServiceEndpoint> context)
    {
        foreach (var method in Service.Methods)
        {
            var grpcMethod = new Method<IMessage, IMessage>(
                MethodType.Unary,
                Service.FullName,
                method.Name,
                Marshaller(method.InputType),
                Marshaller(method.OutputType));
            var name = method.Name;
            context.AddUnaryMethod(grpcMethod, [], (endpoint, request, callContext) => endpoint.HandleAsync(name, request, callContext));
        }
    }

    /// <summary>
    /// Reads requests straight from the received buffers and writes responses straight into the outgoing ones (as
    /// generated gRPC code does), instead of copying each message through a byte array of its own.
    /// </summary>
    private static Marshaller<IMessage> Marshaller(MessageDescriptor descriptor) =>
        new(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => descriptor.Parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.Common.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// gRPC errors as the real server shapes them: a status code, a message and, where the SDK looks for one, a typed
/// detail in the standard grpc-status-details-bin trailer (a google.rpc.Status; Temporalio ships it as GrpcStatus).
/// </summary>
internal static class RpcErrors
{
    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException AlreadyExists(string message) => new(new Status(StatusCode.AlreadyExists, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unimplemented(string message) => new(new Status(StatusCode.Unimplemented, message));

    public static RpcException DeadlineExceeded(string message) => new(new Status(StatusCode.DeadlineExceeded, message));

    public static RpcException WithDetail(StatusCode code, string message, IMessage detail)
    {
        var status = new GrpcStatus { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(detail));
        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        return new RpcException(new Status(code, message), trailers);
    }

    public static RpcException WorkflowNotFound(string workflowId, string runId) =>
        NotFound(runId.Length == 0
            ? $"workflow not found for ID: {workflowId}"
            : $"workflow not found for ID: {workflowId}, run ID: {runId}");

    public static RpcException WorkflowCompleted() => NotFound("workflow execution already completed");

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw InvalidArgument(message);
        }
    }
}

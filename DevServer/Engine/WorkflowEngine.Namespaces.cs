using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Namespace.V1;
using Temporalio.Api.Replication.V1;
using Temporalio.Api.WorkflowService.V1;

namespace FoodDelivery.DevServer.Engine;

/// <summary>GetSystemInfo and the minimal namespace RPCs.</summary>
internal sealed partial class WorkflowEngine
{
    public const string ServerVersion = "1.25.0-devserver";

    public static GetSystemInfoResponse GetSystemInfo() => new()
    {
        ServerVersion = ServerVersion,
        Capabilities = new GetSystemInfoResponse.Types.Capabilities
        {
            SignalAndQueryHeader = true,
            InternalErrorDifferentiation = true,
            ActivityFailureIncludeHeartbeat = true,
            EncodedFailureAttributes = true,
            UpsertMemo = true,
            SdkMetadata = true,
            EagerWorkflowStart = true,
        },
    };

    public RegisterNamespaceResponse RegisterNamespace(RegisterNamespaceRequest request)
    {
        lock (_gate)
        {
            var retention = ToTimeSpan(request.WorkflowExecutionRetentionPeriod);
            _namespaces.Register(request.Namespace, request.Description, retention > TimeSpan.Zero ? retention : _options.ClosedWorkflowRetention);
            return new RegisterNamespaceResponse();
        }
    }

    public DescribeNamespaceResponse DescribeNamespace(DescribeNamespaceRequest request)
    {
        lock (_gate)
        {
            var entry = request.Id.Length > 0
                ? _namespaces.FindById(request.Id) ?? throw RpcErrors.NotFound($"Namespace {request.Id} is not found.")
                : _namespaces.Get(request.Namespace);
            return Describe(entry);
        }
    }

    public ListNamespacesResponse ListNamespaces()
    {
        lock (_gate)
        {
            var response = new ListNamespacesResponse();
            foreach (var entry in _namespaces.All)
            {
                var description = Describe(entry);
                response.Namespaces.Add(description);
            }

            return response;
        }
    }

    private static DescribeNamespaceResponse Describe(NamespaceEntry entry) => new()
    {
        NamespaceInfo = new NamespaceInfo
        {
            Name = entry.Name,
            Id = entry.Id,
            State = NamespaceState.Registered,
            Description = entry.Description,
        },
        Config = new NamespaceConfig
        {
            WorkflowExecutionRetentionTtl = Duration.FromTimeSpan(entry.Retention),
            HistoryArchivalState = ArchivalState.Disabled,
            VisibilityArchivalState = ArchivalState.Disabled,
        },
        ReplicationConfig = new NamespaceReplicationConfig { ActiveClusterName = "active", State = ReplicationState.Normal },
        IsGlobalNamespace = false,
    };
}

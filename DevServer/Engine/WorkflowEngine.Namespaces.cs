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
        using (EnterGate())
        {
            var retention = ToTimeSpan(request.WorkflowExecutionRetentionPeriod);
            RegisterNamespaceEntry(request.Namespace, request.Description, retention > TimeSpan.Zero ? retention : _options.ClosedWorkflowRetention);
            return new RegisterNamespaceResponse();
        }
    }

    public DescribeNamespaceResponse DescribeNamespace(DescribeNamespaceRequest request)
    {
        using (EnterGate())
        {
            var entry = request.Id.Length > 0
                ? _namespaces.FindById(request.Id) ?? throw RpcErrors.NotFound($"Namespace {request.Id} is not found.")
                : _namespaces.Get(request.Namespace);
            return Describe(entry);
        }
    }

    public ListNamespacesResponse ListNamespaces()
    {
        using (EnterGate())
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

    private void RegisterNamespaceEntry(string name, string description, TimeSpan retention)
    {
        var entry = _namespaces.Register(name, description, retention);
        _pendingNamespaces?.Add(entry);
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

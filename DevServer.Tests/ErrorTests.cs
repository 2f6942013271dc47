using FoodDelivery.DevServer.Tests.Workflows;
using Temporalio.Api.Common.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace FoodDelivery.DevServer.Tests;

[Collection(DevServerCollection.Name)]
public class ErrorTests(DevServerFixture env)
{
    [Fact]
    public async Task SignalWorkflow_UnknownWorkflow_ThrowsNotFound()
    {
        var handle = env.Client.GetWorkflowHandle<ApprovalWorkflow>(DevServerFixture.UniqueName("nobody"));

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.SignalAsync(wf => wf.FinishAsync()));

        error.Code.Should().Be(RpcException.StatusCode.NotFound);
    }

    [Fact]
    public async Task SignalWorkflow_ClosedWorkflow_ThrowsNotFound()
    {
        await env.WithWorkerAsync(
            o => o.AddWorkflow<ApprovalWorkflow>(),
            async taskQueue =>
            {
                var handle = await env.Client.StartWorkflowAsync(
                    (ApprovalWorkflow wf) => wf.RunAsync(1),
                    new WorkflowOptions(DevServerFixture.UniqueName("closed"), taskQueue));
                await handle.SignalAsync(wf => wf.ApproveAsync("x"));
                await handle.GetResultAsync();

                var error = await Assert.ThrowsAsync<RpcException>(() => handle.SignalAsync(wf => wf.FinishAsync()));

                error.Code.Should().Be(RpcException.StatusCode.NotFound);
            });
    }

    [Fact]
    public async Task StartWorkflow_EmptyWorkflowId_ThrowsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => env.Client.WorkflowService.StartWorkflowExecutionAsync(
            new StartWorkflowExecutionRequest
            {
                Namespace = env.Client.Options.Namespace,
                WorkflowType = new WorkflowType { Name = "Any" },
                TaskQueue = new Temporalio.Api.TaskQueue.V1.TaskQueue { Name = "any" },
                RequestId = Guid.NewGuid().ToString(),
            }));

        error.Code.Should().Be(RpcException.StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task RespondActivityTaskCompleted_GarbageTaskToken_ThrowsInvalidArgumentOrNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => env.Client.WorkflowService.RespondActivityTaskCompletedAsync(
            new RespondActivityTaskCompletedRequest
            {
                Namespace = env.Client.Options.Namespace,
                TaskToken = Google.Protobuf.ByteString.CopyFromUtf8("not a token"),
            }));

        error.Code.Should().BeOneOf(RpcException.StatusCode.InvalidArgument, RpcException.StatusCode.NotFound);
    }

    [Fact]
    public async Task DescribeNamespace_UnknownNamespace_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => env.Client.WorkflowService.DescribeNamespaceAsync(
            new DescribeNamespaceRequest { Namespace = DevServerFixture.UniqueName("no-such-namespace") }));

        error.Code.Should().Be(RpcException.StatusCode.NotFound);
    }

    [Fact]
    public async Task StartWorkflow_UnknownNamespace_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => env.Client.WorkflowService.StartWorkflowExecutionAsync(
            new StartWorkflowExecutionRequest
            {
                Namespace = DevServerFixture.UniqueName("no-such-namespace"),
                WorkflowId = "w",
                WorkflowType = new WorkflowType { Name = "Any" },
                TaskQueue = new Temporalio.Api.TaskQueue.V1.TaskQueue { Name = "any" },
                RequestId = Guid.NewGuid().ToString(),
            }));

        error.Code.Should().Be(RpcException.StatusCode.NotFound);
    }

    [Fact]
    public async Task RegisterNamespace_NewName_IsDescribedAndListed()
    {
        if (!env.IsDevServer)
        {
            return; // Registering namespaces on a shared real cluster is not this suite's business.
        }

        var name = DevServerFixture.UniqueName("ns");
        await env.Client.WorkflowService.RegisterNamespaceAsync(new RegisterNamespaceRequest
        {
            Namespace = name,
            WorkflowExecutionRetentionPeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)),
        });

        var described = await env.Client.WorkflowService.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = name });
        var listed = await env.Client.WorkflowService.ListNamespacesAsync(new ListNamespacesRequest());

        described.NamespaceInfo.Name.Should().Be(name);
        described.Config.WorkflowExecutionRetentionTtl.ToTimeSpan().Should().Be(TimeSpan.FromHours(1));
        listed.Namespaces.Select(n => n.NamespaceInfo.Name).Should().Contain([name, env.Client.Options.Namespace]);
    }

    [Fact]
    public async Task UnsupportedRpc_ListSchedules_ThrowsUnimplemented()
    {
        if (!env.IsDevServer)
        {
            return; // A real server implements schedules.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => env.Client.WorkflowService.ListSchedulesAsync(
            new ListSchedulesRequest { Namespace = env.Client.Options.Namespace }));

        error.Code.Should().Be(RpcException.StatusCode.Unimplemented);
    }

    [Fact]
    public async Task GetSystemInfo_Always_ReportsSdkMetadataCapability()
    {
        var info = await env.Client.WorkflowService.GetSystemInfoAsync(new GetSystemInfoRequest());

        info.Capabilities.SdkMetadata.Should().BeTrue();
    }
}

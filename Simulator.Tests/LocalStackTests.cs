using FoodDelivery.Contracts.Order.V1;
using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator.Tests.Support;

namespace FoodDelivery.Simulator.Tests;

/// <summary>What LocalStack promises beyond running orders: its folders, its endpoints, and the DevServer's file.</summary>
public sealed class LocalStackTests
{
    [Fact]
    public async Task StartAsync_WithoutDataDirectory_UsesATemporaryFolderDeletedOnDispose()
    {
        string dataDirectory;
        await using (var stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions()))
        {
            dataDirectory = stack.DataDirectory;
            Directory.Exists(dataDirectory).Should().BeTrue();
            stack.Simulator.Should().BeNull("no simulator was asked for");
            stack.DevServer.Should().NotBeNull();
            stack.Endpoints.Keys.Should().BeEquivalentTo("temporal", "order", "payment", "restaurant", "delivery", "data");
            stack.Endpoints["order"].Should().ContainSingle().Which.Should().Be(stack.Services.Order.Address.ToString());
            stack.Endpoints["temporal"].Should().ContainSingle().Which.Should().StartWith(stack.TemporalAddress);
        }

        Directory.Exists(dataDirectory).Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_SameDataDirectoryAndDevServerFile_AnOrderWaitingBeforeARestartIsDeliveredAfterIt()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("fooddelivery-localstack-").FullName;
        try
        {
            var options = new LocalStackOptions
            {
                DataDirectory = dataDirectory,
                DevServerDbFileName = Path.Combine(dataDirectory, "temporal.db"),
            };
            string orderId;
            await using (var first = await FoodDeliveryStack.StartAsync(options))
            {
                // No simulator yet: the order waits for its restaurant when the whole stack goes down.
                orderId = await Orders.PlaceAsync(first, Orders.NewOrder());
                await WaitForStateAsync(first, orderId, SagaState.AwaitingRestaurant);
            }

            Directory.Exists(dataDirectory).Should().BeTrue("a given data folder belongs to the caller");
            var restarted = new LocalStackOptions
            {
                DataDirectory = options.DataDirectory,
                DevServerDbFileName = options.DevServerDbFileName,
                Simulator = SimulatorOptions.Instant(),
            };
            await using var second = await FoodDeliveryStack.StartAsync(restarted);
            var (result, view) = await Orders.EndAsync(second, orderId);

            result.FinalState.Should().Be(SagaState.Delivered);
            view.Order.Status.Should().Be(OrderStatus.Delivered);
            await Orders.AuditIsCleanAsync(second);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task WaitForStateAsync(FoodDeliveryStack stack, string orderId, SagaState state)
    {
        var deadline = DateTime.UtcNow + Orders.Deadline;
        string? last = null;
        while (last != state.ToString())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"order {orderId} did not reach {state}; last state: {last}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
            last = (await stack.Ordering.GetOrderViewAsync(new GetOrderRequest { OrderId = orderId })).Saga?.State;
        }
    }
}

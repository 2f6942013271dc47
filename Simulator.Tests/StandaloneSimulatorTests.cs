using FoodDelivery.LocalStack;
using FoodDelivery.Orchestrator.Saga;
using FoodDelivery.Simulator.Tests.Support;

namespace FoodDelivery.Simulator.Tests;

/// <summary>The standalone exe refuses to start without what it needs, in one line and with a non-zero exit.</summary>
public sealed class StandaloneSimulatorTests
{
    [Fact]
    public async Task Exe_WithoutTemporalAddress_ExitsNonZeroWithOneLine()
    {
        var exit = await SimulatorProcess.RunAsync("Development", "--Services:Order=http://127.0.0.1:5101");

        exit.Code.Should().Be(2);
        exit.StandardError.Should().ContainSingle().Which.Should().Contain("TEMPORAL_ADDRESS");
    }

    [Fact]
    public async Task Exe_WithoutOrderServiceAddress_ExitsNonZeroWithOneLine()
    {
        var exit = await SimulatorProcess.RunAsync("Development", "--Temporal:Address=127.0.0.1:7233");

        exit.Code.Should().Be(2);
        exit.StandardError.Should().ContainSingle().Which.Should().Contain("Services:Order");
    }

    [Fact]
    public async Task Exe_WithNegativeDelay_ExitsNonZeroNamingTheSetting()
    {
        var exit = await SimulatorProcess.RunAsync(
            "Development", "--Temporal:Address=127.0.0.1:7233", "--Services:Order=http://127.0.0.1:5101", "--Simulator:AcceptDelay=-00:00:01");

        exit.Code.Should().Be(2);
        exit.StandardError.Should().ContainSingle().Which.Should().Contain("Simulator:AcceptDelay");
    }

    [Fact]
    public async Task Exe_OutsideDevelopmentWithoutEnabled_RefusesToActAndSaysSo()
    {
        var exit = await SimulatorProcess.RunAsync(
            "Production", "--Temporal:Address=127.0.0.1:7233", "--Services:Order=http://127.0.0.1:5101");

        exit.Code.Should().Be(1);
        exit.StandardError.Should().ContainSingle().Which.Should().Contain("disabled").And.Contain("Simulator:Enabled=true");
    }

    [Fact]
    public async Task Exe_EnabledInProductionWithTheDevelopmentPayloadKey_ExitsNonZeroNamingTheSetting()
    {
        var exit = await SimulatorProcess.RunAsync(
            "Production", "--Temporal:Address=127.0.0.1:7233", "--Services:Order=http://127.0.0.1:5101", "--Simulator:Enabled=true");

        exit.Code.Should().Be(2);
        exit.StandardError.Should().ContainSingle().Which.Should().Contain("Temporal:Encryption:ActiveKeyId");
    }

    [Fact]
    public async Task Exe_AgainstARunningStack_DeliversAnOrderAndStopsCleanlyOnSigterm()
    {
        await using var stack = await FoodDeliveryStack.StartAsync(new LocalStackOptions());
        SagaState? finalState = null;

        var exit = await SimulatorProcess.RunWhileAsync(
            async () =>
            {
                var orderId = await Orders.PlaceAsync(stack, Orders.NewOrder());
                finalState = (await Orders.EndAsync(stack, orderId)).Result.FinalState;
            },
            "Development",
            $"--Temporal:Address={stack.TemporalAddress}",
            $"--Services:Order={stack.Services.Order.Address}",
            "--Simulator:AcceptDelay=00:00:00",
            "--Simulator:PickupDelay=00:00:00",
            "--Simulator:DeliveryDelay=00:00:00");

        finalState.Should().Be(SagaState.Delivered);
        exit.Code.Should().Be(0, exit.StandardOutput);
        exit.StandardOutput.Should().Contain("simulator: playing restaurants and couriers");
        await Orders.AuditIsCleanAsync(stack);
    }
}

using FoodDelivery.Contracts.Delivery.V1;
using FoodDelivery.Delivery.Tests.Support;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Delivery.Tests;

public sealed class SeederTests
{
    [Fact]
    public async Task Seeder_RestartWithMoreCouriersConfigured_AddsOnlyMissingAndKeepsExistingLoad()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("delivery-tests-").FullName;
        try
        {
            await using (var first = await DeliveryServiceFixture.StartAsync(couriers: 2, capacity: 1, dataDirectory))
            {
                await first.Client.AssignCourierAsync(Requests.Assign("order-1"));
            }

            await using var restarted = await DeliveryServiceFixture.StartAsync(couriers: 3, capacity: 5, dataDirectory);
            var couriers = (await restarted.Client.ListCouriersAsync(new ListCouriersRequest())).Couriers;

            couriers.Select(c => c.CourierId).Should().Equal("courier-1", "courier-2", "courier-3");
            couriers[0].Should().BeEquivalentTo(new { Capacity = 1, ActiveAssignments = 1 }, "existing couriers are left as they are");
            couriers[1].Capacity.Should().Be(1);
            couriers[2].Capacity.Should().Be(5, "only the missing courier is added, with the configured capacity");
            (await restarted.AssignmentCountAsync()).Should().Be(1);
            await restarted.AssertCapacityInvariantAsync();
        }
        finally
        {
            DeliveryServiceFixture.DeleteDataDirectory(dataDirectory);
        }
    }

    [Fact]
    public async Task Start_ZeroCapacityConfigured_RefusesToStart()
    {
        var start = () => DeliveryServiceFixture.StartAsync(couriers: 1, capacity: 0);

        await start.Should().ThrowAsync<OptionsValidationException>().WithMessage("*CourierCapacity*");
    }
}

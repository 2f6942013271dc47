using FoodDelivery.Restaurant.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FoodDelivery.Restaurant.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Restaurant:HoldDuration", "00:00:00")]
    [InlineData("Restaurant:ExpirySweepInterval", "-00:00:05")]
    [InlineData("Restaurant:ExpirySweepInterval", "60.00:00:00")]
    [InlineData("Restaurant:ExpirySweepBatchSize", "0")]
    public async Task Start_InvalidRestaurantOption_RefusesToStart(string key, string value)
    {
        var start = () => TestRestaurantService.StartAsync(new Dictionary<string, string?> { [key] = value });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(key);
    }
}

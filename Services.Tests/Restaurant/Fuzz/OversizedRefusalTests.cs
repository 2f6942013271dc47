using FoodDelivery.Contracts;
using FoodDelivery.Restaurant.Tests.Infrastructure;
using FoodDelivery.ServiceDefaults.Errors;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Rpc;
using Grpc.Core;

namespace FoodDelivery.Restaurant.Tests.Fuzz;

/// <summary>
/// Fixes the fuzzing led to: refusals that echoed request values could outgrow the 64 KB an HTTP/2 client accepts in
/// headers, so the caller saw UNAVAILABLE ("HTTP headers length exceeded") instead of the refusal, and retried it.
/// </summary>
public sealed class OversizedRefusalTests : RestaurantTestBase
{
    [Fact]
    public async Task ReserveItems_DuplicateHugeItemId_IsInvalidArgumentNamingTheEarlierLine()
    {
        var huge = new string('h', 100_000);
        var request = ReserveRequest("order-huge", "order-huge:reserve", Pizzeria, (huge, 1), (huge, 1));

        var outcome = await RpcOutcome.OfAsync(() => Client.ReserveItemsAsync(request).ResponseAsync);

        outcome.Code.Should().Be(StatusCode.InvalidArgument, outcome.Detail);
        outcome.Detail.Should().Contain("items[1].item_id: repeats the item of items[0]").And.NotContain(huge[..200]);
        (await Service.ReservationCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ReserveItems_HundredLongUnicodeUnknownItems_IsItemUnavailableWithBoundedStatus()
    {
        // 100 distinct unknown ids of 128 three-byte characters: the message alone was ~115 KB percent-encoded.
        var items = Enumerable.Range(0, 100).Select(i => ($"{i:D3}{new string('注', 125)}", 1)).ToArray();
        var request = ReserveRequest("order-unicode", "order-unicode:reserve", Pizzeria, items);

        var exception = (await FluentActions.Awaiting(() => Client.ReserveItemsAsync(request).ResponseAsync)
            .Should().ThrowAsync<RpcException>()).Which;

        exception.StatusCode.Should().Be(StatusCode.FailedPrecondition, exception.Status.Detail);
        var info = exception.GetRpcStatus()!.GetDetail<ErrorInfo>();
        info.Reason.Should().Be(ErrorReasons.ItemUnavailable);
        exception.Status.Detail.Length.Should().BeLessThan(ServiceErrors.MaxMessageLength + 100);
        info.Metadata[ErrorReasons.ItemsMetadataKey].Should().StartWith(items[0].Item1);
        (await Service.ReservationCountAsync()).Should().Be(0);
    }
}

using FoodDelivery.Contracts;
using FoodDelivery.Contracts.Order.V1;
using Grpc.Core;
using Microsoft.AspNetCore.WebUtilities;
using static FoodDelivery.Order.Tests.RpcAssertions;
using OrderMessage = FoodDelivery.Contracts.Order.V1.Order;

namespace FoodDelivery.Order.Tests;

public sealed class ListOrdersTests : IAsyncLifetime
{
    private const string Customer = "customer-a";
    private readonly OrderServiceFixture _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task ListOrders_45OrdersInPagesOf20_ReturnsEachOnceNewestFirstAndIgnoresOtherCustomers()
    {
        var mine = await CreateOrdersAsync(45, otherCustomerEvery: 4);
        var expected = NewestFirst(mine);

        var pages = await ReadAllPagesAsync(pageSize: 20);

        pages.Select(p => p.Count).Should().Equal(20, 20, 5);
        pages.SelectMany(p => p).Select(o => o.OrderId).Should().Equal(expected);
    }

    [Fact]
    public async Task ListOrders_NoPageSize_Returns20()
    {
        await CreateOrdersAsync(25);

        var page = await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = Customer });

        page.Orders.Should().HaveCount(20);
        page.NextPageToken.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ListOrders_LastPageExactlyFull_HasNoNextPageToken()
    {
        await CreateOrdersAsync(10);

        var page = await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = Customer, PageSize = 10 });

        page.Orders.Should().HaveCount(10);
        page.NextPageToken.Should().BeEmpty();
    }

    [Fact]
    public async Task ListOrders_CustomerWithoutOrders_ReturnsEmptyPage()
    {
        var page = await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = "nobody" });

        page.Orders.Should().BeEmpty();
        page.NextPageToken.Should().BeEmpty();
    }

    [Fact]
    public async Task ListOrders_OrdersInsertedWhilePaging_DoNotShiftLaterPages()
    {
        var mine = await CreateOrdersAsync(45);
        var expected = NewestFirst(mine);
        var first = await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = Customer, PageSize = 20 });

        // New orders arrive between two page reads (newer, and one in the same instant as the last order).
        await _service.Client.CreateOrderAsync(OrderRequests.Create("a-zz-same-instant", Customer));
        _service.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            await _service.Client.CreateOrderAsync(OrderRequests.Create($"late-{i}", Customer));
        }

        var rest = new List<OrderMessage>();
        var token = first.NextPageToken;
        while (token.Length > 0)
        {
            var page = await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = Customer, PageSize = 20, PageToken = token });
            rest.AddRange(page.Orders);
            token = page.NextPageToken;
        }

        first.Orders.Concat(rest).Select(o => o.OrderId).Should().Equal(expected);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task ListOrders_PageSizeOutOfRange_FailsWithInvalidArgumentOnPageSize(int pageSize)
    {
        var (code, _, badRequest) = await RefusalOf(() => _service.Client.ListOrdersAsync(
            new ListOrdersRequest { CustomerId = Customer, PageSize = pageSize }).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        badRequest.Fields().Should().Equal("page_size");
    }

    [Fact]
    public async Task ListOrders_NoCustomer_FailsWithInvalidArgumentOnCustomerId()
    {
        var (code, _, badRequest) = await RefusalOf(() => _service.Client.ListOrdersAsync(new ListOrdersRequest()).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        badRequest.Fields().Should().Equal("customer_id");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("not base64 !!")]
    [InlineData("edited")]
    [InlineData("truncated")]
    [InlineData("other customer")]
    [InlineData("forged")]
    public async Task ListOrders_BadPageToken_FailsWithInvalidArgumentOnPageToken(string kind)
    {
        await CreateOrdersAsync(3);
        await _service.Client.CreateOrderAsync(OrderRequests.Create("b-1", "customer-b"));
        await _service.Client.CreateOrderAsync(OrderRequests.Create("b-2", "customer-b"));
        var valid = (await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = Customer, PageSize = 1 })).NextPageToken;
        var token = kind switch
        {
            "garbage" => "garbage",
            "not base64 !!" => "not base64 !!",
            "edited" => Edit(valid),
            "truncated" => valid[..(valid.Length / 2)],
            "other customer" => (await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = "customer-b", PageSize = 1 })).NextPageToken,
            "forged" => WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"1|{DateTime.MaxValue.Ticks}|a-00" + new string('x', 16))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var (code, info, badRequest) = await RefusalOf(() => _service.Client.ListOrdersAsync(
            new ListOrdersRequest { CustomerId = Customer, PageSize = 1, PageToken = token }).ResponseAsync);

        code.Should().Be(StatusCode.InvalidArgument);
        info.Reason.Should().Be(ErrorReasons.InvalidArgument);
        badRequest.Fields().Should().Equal("page_token");
    }

    /// <summary>Creates <paramref name="count"/> orders of <see cref="Customer"/>, two per clock second (so ties occur), plus some of another customer.</summary>
    private async Task<List<OrderMessage>> CreateOrdersAsync(int count, int otherCustomerEvery = 0)
    {
        var created = new List<OrderMessage>();
        for (var i = 0; i < count; i++)
        {
            created.Add(await _service.Client.CreateOrderAsync(OrderRequests.Create($"a-{i:D2}", Customer)));
            if (otherCustomerEvery > 0 && i % otherCustomerEvery == 0)
            {
                await _service.Client.CreateOrderAsync(OrderRequests.Create($"b-{i:D2}", "customer-b"));
            }

            if (i % 2 == 1)
            {
                _service.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return created;
    }

    private async Task<List<List<OrderMessage>>> ReadAllPagesAsync(int pageSize)
    {
        var pages = new List<List<OrderMessage>>();
        var token = "";
        do
        {
            var page = await _service.Client.ListOrdersAsync(new ListOrdersRequest { CustomerId = Customer, PageSize = pageSize, PageToken = token });
            pages.Add([.. page.Orders]);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return pages;
    }

    private static List<string> NewestFirst(IEnumerable<OrderMessage> orders) =>
        [.. orders.OrderByDescending(o => o.CreatedAt.ToDateTime()).ThenByDescending(o => o.OrderId, StringComparer.Ordinal).Select(o => o.OrderId)];

    /// <summary>The same token with one payload byte changed (the order id's last character).</summary>
    private static string Edit(string token)
    {
        var bytes = WebEncoders.Base64UrlDecode(token);
        bytes[bytes.Length - 17] ^= 0x01;
        return WebEncoders.Base64UrlEncode(bytes);
    }
}

using System.Collections.Concurrent;
using FoodDelivery.Contracts.Order.V1;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// Development only: acts as whoever each request speaks for, with tokens from <see cref="DevelopmentTokens"/>. Internal
/// RPCs get the orchestrator's identity; PlaceOrder and ListCustomerOrders the token of the request's customer;
/// AcceptTicket/RejectTicket the request's restaurant's; courier reports the request's courier's; everything else
/// (reads, watches and cancels by order id, operator commands) an operator's. This is what lets the CLI, the simulator,
/// the benchmark and the test fixtures call a secured system without a login, while every token is still checked.
/// </summary>
public sealed class DevelopmentCallers(DevelopmentTokens tokens)
{
    private const int MaxCachedTokens = 10_000;
    private static readonly TimeSpan ReuseFor = TimeSpan.FromMinutes(30);

    private static readonly HashSet<string> InternalServices = new(StringComparer.Ordinal)
    {
        "fooddelivery.order.v1.OrderService",
        "fooddelivery.payment.v1.PaymentService",
        "fooddelivery.restaurant.v1.RestaurantService",
        "fooddelivery.delivery.v1.DeliveryService",
    };

    private readonly ConcurrentDictionary<(string Role, string Id), (string Token, DateTime Minted)> _cache = new();

    public static DevelopmentCallers Default { get; } = new(DevelopmentTokens.Default);

    /// <summary>An interceptor that signs every call as <see cref="TokenFor"/> picks.</summary>
    public BearerTokenInterceptor Interceptor() => new(TokenFor);

    /// <summary>The token for one call of <paramref name="service"/> (full gRPC service name) with <paramref name="request"/>.</summary>
    public string TokenFor(string service, object request)
    {
        if (InternalServices.Contains(service))
        {
            return Cached(Roles.Orchestrator, "orchestrator", _ => tokens.Orchestrator());
        }

        return request switch
        {
            PlaceOrderRequest place => Cached(Roles.Customer, place.CustomerId, tokens.Customer),
            ListOrdersRequest list => Cached(Roles.Customer, list.CustomerId, tokens.Customer),
            AcceptTicketRequest accept => Cached(Roles.Restaurant, accept.RestaurantId, id => tokens.Restaurant(id)),
            RejectTicketRequest reject => Cached(Roles.Restaurant, reject.RestaurantId, id => tokens.Restaurant(id)),
            CourierReportRequest report => Cached(Roles.Courier, report.CourierId, tokens.Courier),
            _ => Cached(Roles.Operator, "operator", tokens.Operator),
        };
    }

    private string Cached(string role, string id, Func<string, string> mint)
    {
        // A request's id may be anything (fuzz tests send megabytes): such a request is refused as invalid by the
        // service anyway, and its token must stay small enough for an HTTP/2 header.
        var subject = id.Length is > 0 and <= 128 && !id.Any(char.IsControl) ? id : "not-an-id";
        var now = DateTime.UtcNow;
        if (_cache.TryGetValue((role, subject), out var cached) && now - cached.Minted < ReuseFor)
        {
            return cached.Token;
        }

        if (_cache.Count > MaxCachedTokens)
        {
            _cache.Clear();
        }

        var token = mint(subject);
        _cache[(role, subject)] = (token, now);
        return token;
    }
}

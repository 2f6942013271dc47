using System.Security.Claims;
using Grpc.Core;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>Who is calling, as <see cref="AuthorizationInterceptor"/> established it from the bearer token.</summary>
public sealed class CallerIdentity(ClaimsPrincipal principal)
{
    public string Subject { get; } = principal.FindFirstValue(ClaimNames.Subject) ?? string.Empty;

    public IReadOnlySet<string> Roles { get; } =
        principal.FindAll(ClaimNames.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The restaurants a restaurant token speaks for.</summary>
    public IReadOnlySet<string> RestaurantIds { get; } =
        principal.FindAll(ClaimNames.RestaurantId).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public bool IsOperator => Roles.Contains(Security.Roles.Operator);

    /// <summary>The caller of this RPC; PERMISSION_DENIED when no token was checked for it (an RPC without <see cref="AllowCallersAttribute"/>).</summary>
    public static CallerIdentity Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.GetHttpContext().User;
        return principal.Identity?.IsAuthenticated == true
            ? new CallerIdentity(principal)
            : throw AuthErrors.PermissionDenied("no caller identity was established for this call");
    }

    /// <summary>PERMISSION_DENIED unless the caller is the customer <paramref name="customerId"/>.</summary>
    public void RequireCustomer(string customerId)
    {
        if (!IsCustomer(customerId))
        {
            throw AuthErrors.PermissionDenied($"a customer token acts only for its own customer id ('{Subject}'), not for '{customerId}'");
        }
    }

    /// <summary>PERMISSION_DENIED unless the caller is an operator or the customer <paramref name="customerId"/>.</summary>
    public void RequireCustomerOrOperator(string customerId)
    {
        if (!IsOperator && !IsCustomer(customerId))
        {
            throw AuthErrors.PermissionDenied($"a customer token acts only for its own customer id ('{Subject}'), not for '{customerId}'");
        }
    }

    public bool IsCustomer(string customerId) =>
        Roles.Contains(Security.Roles.Customer) && string.Equals(Subject, customerId, StringComparison.Ordinal);

    /// <summary>PERMISSION_DENIED unless this is a restaurant token for <paramref name="restaurantId"/>.</summary>
    public void RequireRestaurant(string restaurantId)
    {
        if (!Roles.Contains(Security.Roles.Restaurant) || !RestaurantIds.Contains(restaurantId))
        {
            throw AuthErrors.PermissionDenied($"this token does not speak for restaurant '{restaurantId}'");
        }
    }

    /// <summary>PERMISSION_DENIED unless this is the token of courier <paramref name="courierId"/>.</summary>
    public void RequireCourier(string courierId)
    {
        if (!Roles.Contains(Security.Roles.Courier) || !string.Equals(Subject, courierId, StringComparison.Ordinal))
        {
            throw AuthErrors.PermissionDenied($"this token is not the token of courier '{courierId}'");
        }
    }
}

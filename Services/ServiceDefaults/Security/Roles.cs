namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>The roles a token can carry (its "role" claims) and what each stands for.</summary>
public static class Roles
{
    /// <summary>A person ordering food; the token's subject is the customer id.</summary>
    public const string Customer = "customer";

    /// <summary>A restaurant's tablet; the "restaurant_id" claims name the restaurants it speaks for.</summary>
    public const string Restaurant = "restaurant";

    /// <summary>A courier's app; the token's subject is the courier id.</summary>
    public const string Courier = "courier";

    /// <summary>Support staff: reads and cancels any order, answers orders in NEEDS_ATTENTION.</summary>
    public const string Operator = "operator";

    /// <summary>The saga worker (internal audience): the only caller of the services' mutating internal RPCs.</summary>
    public const string Orchestrator = "orchestrator";

    /// <summary>Another FoodDelivery service (internal audience), e.g. the Order service pricing from a menu: reads only.</summary>
    public const string Service = "service";
}

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>
/// The development defaults: PUBLIC keys (they are in this repository), so anyone can mint any token with them. They
/// let the demo, the tests and a fresh checkout run with no setup; they are refused in the Production environment.
/// </summary>
public static class DevelopmentKeys
{
    public const string ClientIssuer = "fooddelivery-dev";

    public const string ClientAudience = "fooddelivery-api";

    /// <summary>Signs client tokens in development (base64 of 51 bytes).</summary>
    public const string ClientKey = "ZGV2LWNsaWVudC1rZXktZm9vZGRlbGl2ZXJ5LW5vdC1hLXNlY3JldC0wMTIzNDU2Nzg5";

    public const string InternalIssuer = "fooddelivery-internal-dev";

    public const string InternalAudience = "fooddelivery-internal";

    /// <summary>Signs service-identity tokens in development; a different key, so a client token can never pass as one.</summary>
    public const string InternalKey = "ZGV2LWludGVybmFsLWtleS1mb29kZGVsaXZlcnktbm90LWEtc2VjcmV0LTk4NzY1NDMy";
}

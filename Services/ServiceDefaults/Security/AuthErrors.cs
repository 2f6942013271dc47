using FoodDelivery.Contracts;
using FoodDelivery.ServiceDefaults.Errors;
using Grpc.Core;

namespace FoodDelivery.ServiceDefaults.Security;

/// <summary>The two refusals of authentication and authorization, as rich statuses like every other refusal.</summary>
public static class AuthErrors
{
    /// <summary>No valid token: missing, expired, for another audience, badly signed... The message says which.</summary>
    public static ServiceException Unauthenticated(string message) =>
        ServiceErrors.Rejected(ErrorReasons.Unauthenticated, message, code: StatusCode.Unauthenticated);

    /// <summary>A valid token that may not do this: wrong role, or another restaurant's or courier's business.</summary>
    public static ServiceException PermissionDenied(string message) =>
        ServiceErrors.Rejected(ErrorReasons.PermissionDenied, message, code: StatusCode.PermissionDenied);
}

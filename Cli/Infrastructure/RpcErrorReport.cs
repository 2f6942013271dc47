using Google.Rpc;
using Grpc.Core;
using Spectre.Console;

namespace FoodDelivery.Cli.Infrastructure;

/// <summary>
/// Prints a failed gRPC call so a person can act on it: an unreachable Order service says where and what to start;
/// a refusal shows its status, its ErrorInfo reason and metadata, and every BadRequest field violation.
/// </summary>
public static class RpcErrorReport
{
    public const string StartHint =
        "start it with `dotnet run --project Cli -- demo --keep-running` (or run the services and the worker as README.md, \"Run the saga locally\", shows), "
        + "or point --order-address / " + GlobalSettings.OrderAddressVariable + " at it";

    /// <summary>Prints the error and returns the exit code: <see cref="ExitCodes.Unreachable"/> or <see cref="ExitCodes.Failed"/>.</summary>
    public static int Print(IAnsiConsole console, RpcException error, Uri orderAddress)
    {
        if (IsUnreachable(error))
        {
            console.MarkupLineInterpolated($"[red]cannot reach the Order service at {orderAddress.GetLeftPart(UriPartial.Authority)}[/]: {StartHint}");
            return ExitCodes.Unreachable;
        }

        console.MarkupLineInterpolated($"[red]error: {CodeName(error.StatusCode)}[/] {Describe(error)}");
        var status = error.GetRpcStatus();
        if (status?.GetDetail<ErrorInfo>() is { } info)
        {
            console.MarkupLineInterpolated($"  reason: [yellow]{info.Reason}[/]");
            foreach (var (key, value) in info.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                console.MarkupLineInterpolated($"  {key}: {value}");
            }
        }

        if (status?.GetDetail<BadRequest>() is { } badRequest)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                console.MarkupLineInterpolated($"  field [yellow]{violation.Field}[/]: {violation.Description}");
            }
        }

        return ExitCodes.Failed;
    }

    /// <summary>
    /// No connection at all: UNAVAILABLE without our rich status (a service that answers always sends one), or a
    /// transport failure underneath. The Order service's own UNAVAILABLE (Temporal unreachable) carries a reason.
    /// </summary>
    public static bool IsUnreachable(RpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.InnerException is HttpRequestException
            || (error.StatusCode is StatusCode.Unavailable && error.GetRpcStatus() is null);
    }

    /// <summary>FailedPrecondition -> FAILED_PRECONDITION, as gRPC documents its codes.</summary>
    public static string CodeName(StatusCode code) => Display.UpperSnake(code.ToString());

    private static string Describe(RpcException error) =>
        error.GetRpcStatus()?.Message is { Length: > 0 } message ? message : error.Status.Detail;
}

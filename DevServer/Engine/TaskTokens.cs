using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace FoodDelivery.DevServer.Engine;

/// <summary>
/// Task tokens are opaque to workers. Ours name the run and the task (kind, event id, attempt), so they stay
/// meaningful without any in-memory lookup table and survive a restart once state is persisted.
/// </summary>
internal static class TaskTokens
{
    private const char Separator = '|';

    public static ByteString WorkflowTask(string runId, long scheduledEventId, int attempt) =>
        Encode("wft", runId, scheduledEventId.ToString(CultureInfo.InvariantCulture), attempt.ToString(CultureInfo.InvariantCulture));

    public static ByteString Activity(string runId, long scheduledEventId, int attempt) =>
        Encode("act", runId, scheduledEventId.ToString(CultureInfo.InvariantCulture), attempt.ToString(CultureInfo.InvariantCulture));

    public static ByteString Query(string queryId) => Encode("qry", queryId);

    /// <summary>Decodes a token of the given kind: (id, event id, attempt); InvalidArgument when malformed.</summary>
    public static (string Id, long EventId, int Attempt) Decode(ByteString token, string kind)
    {
        var parts = token.ToStringUtf8().Split(Separator);
        if (parts.Length == 0 || parts[0] != kind)
        {
            throw RpcErrors.InvalidArgument("Error deserializing task token.");
        }

        if (kind == "qry" && parts.Length == 2)
        {
            return (parts[1], 0, 0);
        }

        if (parts.Length != 4
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var eventId)
            || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var attempt))
        {
            throw RpcErrors.InvalidArgument("Error deserializing task token.");
        }

        return (parts[1], eventId, attempt);
    }

    private static ByteString Encode(params string[] parts) =>
        ByteString.CopyFrom(string.Join(Separator, parts), Encoding.UTF8);
}

using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace FoodDelivery.Orchestrator.Codec;

/// <summary>
/// Decodes every payload inside a Temporal API message (e.g. a whole <c>History</c>) in place, wherever it sits:
/// inputs, results, memos, headers, failure details. Found through protobuf reflection, so no event type is missed.
/// Search attributes are left alone: Temporal never encodes them.
/// </summary>
public static class MessagePayloads
{
    public static async Task DecodeAsync(IMessage message, IPayloadCodec codec)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(codec);
        if (message is SearchAttributes)
        {
            return;
        }

        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType != FieldType.Message)
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var map = (IDictionary)value;
                foreach (var key in map.Keys.Cast<object>().ToList())
                {
                    map[key] = await DecodeValueAsync(map[key], codec);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = await DecodeValueAsync(list[i], codec);
                }
            }
            else if (value is not null)
            {
                var decoded = await DecodeValueAsync(value, codec);
                if (!ReferenceEquals(decoded, value))
                {
                    field.Accessor.SetValue(message, decoded);
                }
            }
        }
    }

    private static async Task<object?> DecodeValueAsync(object? value, IPayloadCodec codec)
    {
        switch (value)
        {
            case Payload payload:
                return (await codec.DecodeAsync([payload])).Single();
            case IMessage nested:
                await DecodeAsync(nested, codec);
                return nested;
            default:
                return value;
        }
    }
}

using CsCheck;
using FoodDelivery.Contracts.Common.V1;
using FoodDelivery.Services.Tests.Fuzz;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FoodDelivery.Security.Tests.Fuzz;

/// <summary>
/// Well-formed requests of any RPC, every field drawn from the <see cref="Hostile"/> generators the per-service fuzz
/// tests use (hostile strings and ids, boundary numbers, bad money and addresses, item lists), so that a request
/// without a valid token reaches the authorization check with the same kind of content as a signed one would.
/// </summary>
public static class HostileMessages
{
    /// <summary>Ids the services know (seeded restaurants, items and customers), mixed into the hostile ones.</summary>
    private static readonly string[] KnownIds = ["rest-pizzeria", "rest-sushi", "item-margherita", "item-salmon-nigiri", "cust-ada", "courier-1"];

    private static readonly Action<IMessage> LeaveDefault = _ => { };

    public static Gen<IMessage> For(MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return For(descriptor, depth: 0);
    }

    private static Gen<IMessage> For(MessageDescriptor descriptor, int depth)
    {
        var setters = Gen.Const(() => new List<Action<IMessage>>());
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            // Each field is left at its default now and then, as a sender that omits it would.
            var setter = Gen.Frequency<Action<IMessage>>((1, Gen.Const(LeaveDefault)), (4, Setter(field, depth)));
            setters = setters.SelectMany(list => setter.Select(set => (List<Action<IMessage>>)[.. list, set]));
        }

        return setters.Select(list =>
        {
            var message = descriptor.Parser.ParseFrom(ByteString.Empty);
            foreach (var set in list)
            {
                set(message);
            }

            return message;
        });
    }

    private static Gen<Action<IMessage>> Setter(FieldDescriptor field, int depth)
    {
        if (field.IsRepeated)
        {
            return Elements(field, depth).Select<System.Collections.IList, Action<IMessage>>(items => message =>
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                foreach (var item in items)
                {
                    list.Add(item);
                }
            });
        }

        return Value(field, depth).Select<object?, Action<IMessage>>(value => message => field.Accessor.SetValue(message, value));
    }

    private static Gen<object?> Value(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String when field.Name == "idempotency_key" => Hostile.Key.Select(k => (object?)k),
        FieldType.String => Hostile.Id(KnownIds).Select(s => (object?)s),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Hostile.Quantity.Select(i => (object?)i),
        FieldType.UInt32 or FieldType.Fixed32 => Hostile.Quantity.Select(i => (object?)unchecked((uint)i)),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Hostile.AmountMinor.Select(l => (object?)l),
        FieldType.UInt64 or FieldType.Fixed64 => Hostile.AmountMinor.Select(l => (object?)unchecked((ulong)l)),
        FieldType.Bool => Gen.Bool.Select(b => (object?)b),
        FieldType.Enum => Gen.Int[-1, 12].Select(i => (object?)Enum.ToObject(field.EnumType.ClrType, i)),
        FieldType.Bytes => Hostile.Bytes.Select(b => (object?)ByteString.CopyFrom(b)),
        FieldType.Message when field.MessageType.FullName == Money.Descriptor.FullName => Hostile.Money.Select(m => (object?)m),
        FieldType.Message when field.MessageType.FullName == Address.Descriptor.FullName => Hostile.Address.Select(a => (object?)a),
        FieldType.Message when depth < 2 && !field.MessageType.FullName.StartsWith("google.", StringComparison.Ordinal) =>
            For(field.MessageType, depth + 1).Select(m => (object?)m),
        _ => Gen.Const((object?)null).Select(_ => DefaultOf(field)),
    };

    private static Gen<System.Collections.IList> Elements(FieldDescriptor field, int depth)
    {
        if (field.FieldType == FieldType.Message && field.MessageType.FullName == ItemQuantity.Descriptor.FullName)
        {
            return Hostile.Items(KnownIds).Select(items => (System.Collections.IList)items);
        }

        if (field.FieldType is FieldType.Message or FieldType.String)
        {
            return Value(field, depth).List[0, 3].Select(items => (System.Collections.IList)items);
        }

        return Gen.Const(() => (System.Collections.IList)new List<object>());
    }

    // What a field holds when left alone (null for a message field, the type's zero otherwise).
    private static object? DefaultOf(FieldDescriptor field) =>
        field.FieldType == FieldType.Message ? null : field.Accessor.GetValue(field.ContainingType.Parser.ParseFrom(ByteString.Empty));
}

using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace FoodDelivery.Services.Tests.Fuzz;

/// <summary>One generated request to one RPC, ready to send; prints as the RPC name and the request in JSON.</summary>
public sealed record FuzzCall(string Rpc, IMessage Request, Func<Task> Send, bool IsRead = false)
{
    /// <summary>Answers this request may get besides the usual refusals (code and ErrorInfo reason), and why they are fine.</summary>
    public IReadOnlyList<(StatusCode Code, string Reason)> AlsoAllowed { get; init; } = [];

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>The request's idempotency key, or null for an RPC without one.</summary>
    public string? IdempotencyKey =>
        Request.Descriptor.FindFieldByName("idempotency_key")?.Accessor.GetValue(Request) as string;

    /// <summary>
    /// The request as the server reads it: the client's serializer already turns what UTF-8 cannot carry (a lone
    /// surrogate) into U+FFFD, so effects are compared with this, not with the generated object.
    /// </summary>
    public IMessage WireRequest => Request.Descriptor.Parser.ParseFrom(Request.ToByteString());

    /// <summary>The request as JSON, with control characters and lone surrogates spelled out (JSON cannot carry the latter).</summary>
    public override string ToString()
    {
        var printable = Request.Descriptor.Parser.ParseFrom(Request.ToByteString());
        Escape(Request, printable);
        return $"{Rpc} {Json.Format(printable)}";
    }

    // Copies every string of source into target with the unprintable characters escaped (both have the same shape).
    private static void Escape(IMessage source, IMessage target)
    {
        foreach (var field in source.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType == FieldType.String && !field.IsRepeated)
            {
                field.Accessor.SetValue(target, Escape((string)field.Accessor.GetValue(source)));
            }
            else if (field.FieldType == FieldType.Message && field.IsRepeated)
            {
                var from = (System.Collections.IList)field.Accessor.GetValue(source);
                var to = (System.Collections.IList)field.Accessor.GetValue(target);
                for (var i = 0; i < from.Count; i++)
                {
                    Escape((IMessage)from[i]!, (IMessage)to[i]!);
                }
            }
            else if (field.FieldType == FieldType.Message && field.Accessor.GetValue(source) is IMessage nested)
            {
                Escape(nested, (IMessage)field.Accessor.GetValue(target));
            }
        }
    }

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var plain = !char.IsControl(c) && !char.IsSurrogate(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
            text.Append(plain ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return text.ToString();
    }
}

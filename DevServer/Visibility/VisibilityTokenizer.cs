using System.Text;

namespace FoodDelivery.DevServer.Visibility;

internal enum VisibilityTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    Symbol,
    End,
}

internal sealed record VisibilityToken(VisibilityTokenKind Kind, string Text, int Position);

/// <summary>Splits a visibility query into identifiers, quoted strings, numbers, operators and punctuation.</summary>
internal static class VisibilityTokenizer
{
    public static List<VisibilityToken> Tokenize(string query)
    {
        var tokens = new List<VisibilityToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"' or '`')
            {
                var start = i++;
                var text = new StringBuilder();
                while (i < query.Length && query[i] != c)
                {
                    text.Append(query[i++]);
                }

                if (i >= query.Length)
                {
                    throw new FormatException($"Unterminated string starting at position {start}.");
                }

                i++;
                tokens.Add(new VisibilityToken(c == '`' ? VisibilityTokenKind.Identifier : VisibilityTokenKind.String, text.ToString(), start));
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new VisibilityToken(VisibilityTokenKind.Symbol, c.ToString(), i++));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var start = i++;
                if (i < query.Length && query[i] == '=')
                {
                    i++;
                }

                var op = query[start..i];
                if (op == "!")
                {
                    throw new FormatException($"Unexpected '!' at position {start}.");
                }

                tokens.Add(new VisibilityToken(VisibilityTokenKind.Operator, op, start));
            }
            else if (char.IsDigit(c) || c == '-')
            {
                var start = i++;
                while (i < query.Length && (char.IsDigit(query[i]) || query[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new VisibilityToken(VisibilityTokenKind.Number, query[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new VisibilityToken(VisibilityTokenKind.Identifier, query[start..i], start));
            }
            else
            {
                throw new FormatException($"Unexpected '{c}' at position {i}.");
            }
        }

        tokens.Add(new VisibilityToken(VisibilityTokenKind.End, "", query.Length));
        return tokens;
    }
}

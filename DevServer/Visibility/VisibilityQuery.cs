using System.Globalization;

namespace FoodDelivery.DevServer.Visibility;

/// <summary>A parsed list query: which runs match, and their order (newest start first unless ORDER BY says otherwise).</summary>
internal sealed class VisibilityQuery
{
    private VisibilityQuery(Func<VisibilityRecord, bool> filter, string orderBy, bool descending)
    {
        Filter = filter;
        OrderBy = orderBy;
        Descending = descending;
    }

    public Func<VisibilityRecord, bool> Filter { get; }

    public string OrderBy { get; }

    public bool Descending { get; }

    public IEnumerable<VisibilityRecord> Apply(IEnumerable<VisibilityRecord> records)
    {
        var matching = records.Where(Filter);
        Func<VisibilityRecord, DateTime> key = OrderBy == "CloseTime"
            ? r => r.CloseTime ?? DateTime.MaxValue
            : r => r.StartTime;
        return Descending ? matching.OrderByDescending(key) : matching.OrderBy(key);
    }

    /// <summary>
    /// Parses the supported subset of Temporal's visibility query language: comparisons (=, !=, &lt;, &lt;=, &gt;,
    /// &gt;=, IN, STARTS_WITH, BETWEEN ... AND ...) on WorkflowId, RunId, WorkflowType, TaskQueue, ExecutionStatus,
    /// StartTime, ExecutionTime and CloseTime, combined with AND, OR and parentheses, then an optional ORDER BY
    /// StartTime or CloseTime (ASC or DESC). Throws <see cref="FormatException"/> with the reason otherwise.
    /// </summary>
    public static VisibilityQuery Parse(string query)
    {
        var parser = new Parser(VisibilityTokenizer.Tokenize(query));
        return parser.ParseQuery();
    }

    private sealed class Parser(List<VisibilityToken> tokens)
    {
        private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
        {
            "WorkflowId", "RunId", "WorkflowType", "TaskQueue", "ExecutionStatus",
        };

        private static readonly HashSet<string> TimeFields = new(StringComparer.Ordinal) { "StartTime", "CloseTime", "ExecutionTime" };

        private int _position;

        private VisibilityToken Current => tokens[_position];

        public VisibilityQuery ParseQuery()
        {
            Func<VisibilityRecord, bool> filter = _ => true;
            if (Current.Kind != VisibilityTokenKind.End && !IsKeyword("ORDER"))
            {
                filter = ParseOr();
            }

            var orderBy = "StartTime";
            var descending = true;
            if (IsKeyword("ORDER"))
            {
                _position++;
                ExpectKeyword("BY");
                orderBy = ExpectIdentifier();
                if (orderBy is not ("StartTime" or "CloseTime"))
                {
                    throw new FormatException($"ORDER BY supports StartTime and CloseTime, not {orderBy}.");
                }

                descending = true;
                if (IsKeyword("ASC"))
                {
                    descending = false;
                    _position++;
                }
                else if (IsKeyword("DESC"))
                {
                    _position++;
                }
            }

            if (Current.Kind != VisibilityTokenKind.End)
            {
                throw new FormatException($"Unexpected '{Current.Text}' at position {Current.Position}.");
            }

            return new VisibilityQuery(filter, orderBy, descending);
        }

        private Func<VisibilityRecord, bool> ParseOr()
        {
            var left = ParseAnd();
            while (IsKeyword("OR"))
            {
                _position++;
                var l = left;
                var r = ParseAnd();
                left = record => l(record) || r(record);
            }

            return left;
        }

        private Func<VisibilityRecord, bool> ParseAnd()
        {
            var left = ParsePrimary();
            while (IsKeyword("AND"))
            {
                _position++;
                var l = left;
                var r = ParsePrimary();
                left = record => l(record) && r(record);
            }

            return left;
        }

        private Func<VisibilityRecord, bool> ParsePrimary()
        {
            if (Current.Kind == VisibilityTokenKind.Symbol && Current.Text == "(")
            {
                _position++;
                var inner = ParseOr();
                ExpectSymbol(")");
                return inner;
            }

            var field = ExpectIdentifier();
            if (!TextFields.Contains(field) && !TimeFields.Contains(field))
            {
                throw new FormatException($"Unknown or unsupported search attribute {field}.");
            }

            if (IsKeyword("IN"))
            {
                _position++;
                ExpectSymbol("(");
                var values = new List<string> { ExpectValue() };
                while (Current.Kind == VisibilityTokenKind.Symbol && Current.Text == ",")
                {
                    _position++;
                    values.Add(ExpectValue());
                }

                ExpectSymbol(")");
                return record => values.Any(v => Compare(record, field, v) == 0);
            }

            if (IsKeyword("STARTS_WITH"))
            {
                _position++;
                var prefix = ExpectValue();
                return record => Text(record, field).StartsWith(prefix, StringComparison.Ordinal);
            }

            if (IsKeyword("BETWEEN"))
            {
                _position++;
                var low = ExpectValue();
                ExpectKeyword("AND");
                var high = ExpectValue();
                return record => Compare(record, field, low) >= 0 && Compare(record, field, high) <= 0;
            }

            if (Current.Kind != VisibilityTokenKind.Operator)
            {
                throw new FormatException($"Expected an operator after {field} at position {Current.Position}.");
            }

            var op = Current.Text;
            _position++;
            var value = ExpectValue();
            if (TimeFields.Contains(field))
            {
                ParseTime(value);
            }

            return op switch
            {
                "=" => record => Compare(record, field, value) == 0,
                "!=" => record => Compare(record, field, value) != 0,
                "<" => record => Compare(record, field, value) < 0,
                "<=" => record => Compare(record, field, value) <= 0,
                ">" => record => Compare(record, field, value) > 0,
                ">=" => record => Compare(record, field, value) >= 0,
                _ => throw new FormatException($"Unsupported operator {op}."),
            };
        }

        /// <summary>Compares a record's field with a literal; a missing time (open run's CloseTime) never matches.</summary>
        private static int? Compare(VisibilityRecord record, string field, string value)
        {
            if (TimeFields.Contains(field))
            {
                DateTime? time = field switch
                {
                    "StartTime" => record.StartTime,
                    "ExecutionTime" => record.ExecutionTime,
                    _ => record.CloseTime,
                };
                return time?.CompareTo(ParseTime(value));
            }

            return string.CompareOrdinal(Text(record, field), value);
        }

        private static string Text(VisibilityRecord record, string field) => field switch
        {
            "WorkflowId" => record.WorkflowId,
            "RunId" => record.RunId,
            "WorkflowType" => record.WorkflowType,
            "TaskQueue" => record.TaskQueue,
            "ExecutionStatus" => record.ExecutionStatus,
            _ => "",
        };

        private static DateTime ParseTime(string value) =>
            DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new FormatException($"'{value}' is not a valid time (use RFC 3339, e.g. 2026-01-02T03:04:05Z).");

        private bool IsKeyword(string keyword) =>
            Current.Kind == VisibilityTokenKind.Identifier && string.Equals(Current.Text, keyword, StringComparison.OrdinalIgnoreCase);

        private void ExpectKeyword(string keyword)
        {
            if (!IsKeyword(keyword))
            {
                throw new FormatException($"Expected {keyword} at position {Current.Position}.");
            }

            _position++;
        }

        private void ExpectSymbol(string symbol)
        {
            if (Current.Kind != VisibilityTokenKind.Symbol || Current.Text != symbol)
            {
                throw new FormatException($"Expected '{symbol}' at position {Current.Position}.");
            }

            _position++;
        }

        private string ExpectIdentifier()
        {
            if (Current.Kind != VisibilityTokenKind.Identifier)
            {
                throw new FormatException($"Expected a search attribute name at position {Current.Position}.");
            }

            return tokens[_position++].Text;
        }

        private string ExpectValue()
        {
            if (Current.Kind is not (VisibilityTokenKind.String or VisibilityTokenKind.Number))
            {
                throw new FormatException($"Expected a value at position {Current.Position}.");
            }

            return tokens[_position++].Text;
        }
    }
}

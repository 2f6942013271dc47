using System.Diagnostics;

namespace FoodDelivery.Observability.Tests.Support;

/// <summary>The spans of one trace as a tree: parents, ancestors, and how to tell the kinds of span apart.</summary>
public sealed class SpanTree(IReadOnlyList<Activity> spans)
{
    private readonly Dictionary<ActivitySpanId, Activity> _byId =
        spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());

    public IReadOnlyList<Activity> Spans { get; } = spans;

    public IEnumerable<Activity> Named(string name) => Spans.Where(s => s.DisplayName == name);

    public IEnumerable<Activity> NamedStartingWith(string prefix) =>
        Spans.Where(s => s.DisplayName.StartsWith(prefix, StringComparison.Ordinal));

    public Activity? Parent(Activity span) => _byId.GetValueOrDefault(span.ParentSpanId);

    public IEnumerable<Activity> Ancestors(Activity span)
    {
        for (var parent = Parent(span); parent is not null; parent = Parent(parent))
        {
            yield return parent;
        }
    }

    public IEnumerable<Activity> Descendants(Activity span) => Spans.Where(s => Ancestors(s).Contains(span));

    /// <summary>ASP.NET Core server spans of a gRPC method of a service, e.g. "payment.v1.PaymentService".</summary>
    public IEnumerable<Activity> ServerSpans(string service) => Spans.Where(s =>
        s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore" && Path(s).Contains(service, StringComparison.Ordinal));

    public static bool IsDatabase(Activity span) => span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal);

    public static bool IsGrpcClient(Activity span) => span.Kind == ActivityKind.Client && span.OperationName == "Grpc.Net.Client.GrpcOut";

    public static string Path(Activity span) => span.GetTagItem("url.path") as string ?? span.DisplayName;

    public override string ToString() => string.Join(
        Environment.NewLine, Spans.Select(s => $"{s.SpanId} <- {s.ParentSpanId} {s.Source.Name} {s.Kind} {s.DisplayName} {Path(s)}"));
}

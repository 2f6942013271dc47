using FoodDelivery.DevServer.Visibility;

namespace FoodDelivery.DevServer.Tests;

public class VisibilityQueryTests
{
    private static readonly DateTime Noon = new(2026, 1, 2, 12, 0, 0, DateTimeKind.Utc);

    private static readonly VisibilityRecord[] Records =
    [
        new("order-1", "r1", "OrderSaga", "orders", "Completed", Noon, Noon, Noon.AddMinutes(5)),
        new("order-2", "r2", "OrderSaga", "orders", "Running", Noon.AddHours(1), Noon.AddHours(1), null),
        new("refund-1", "r3", "Refund", "payments", "Failed", Noon.AddHours(2), Noon.AddHours(2), Noon.AddHours(3)),
    ];

    [Theory]
    [InlineData("", "refund-1,order-2,order-1")]
    [InlineData("WorkflowType = 'OrderSaga'", "order-2,order-1")]
    [InlineData("ExecutionStatus != 'Running' ORDER BY StartTime ASC", "order-1,refund-1")]
    [InlineData("WorkflowId IN ('order-1', 'refund-1')", "refund-1,order-1")]
    [InlineData("WorkflowId STARTS_WITH \"order\" AND ExecutionStatus = 'Running'", "order-2")]
    [InlineData("(WorkflowType = 'Refund' OR ExecutionStatus = 'Completed') AND TaskQueue = 'orders'", "order-1")]
    [InlineData("StartTime > '2026-01-02T12:30:00Z'", "refund-1,order-2")]
    [InlineData("StartTime BETWEEN '2026-01-02T11:00:00Z' AND '2026-01-02T13:30:00Z'", "order-2,order-1")]
    [InlineData("CloseTime <= '2026-01-02T13:00:00Z'", "order-1")]
    [InlineData("WorkflowId = 'x' or WorkflowId = 'order-1'", "order-1")]
    [InlineData("ExecutionStatus = 'Completed' order by CloseTime desc", "order-1")]
    public void Parse_SupportedQuery_SelectsAndOrdersRecords(string query, string expectedIds)
    {
        var ids = string.Join(",", VisibilityQuery.Parse(query).Apply(Records).Select(r => r.WorkflowId));

        ids.Should().Be(expectedIds);
    }

    [Theory]
    [InlineData("WorkflowId = ")]
    [InlineData("WorkflowId = 'a' AND")]
    [InlineData("CustomKeyword = 'a'")]
    [InlineData("StartTime > 'yesterday'")]
    [InlineData("WorkflowId = 'a' ORDER BY WorkflowId")]
    [InlineData("WorkflowId = 'unterminated")]
    [InlineData("(WorkflowId = 'a'")]
    [InlineData("workflowid = 'attribute names are case-sensitive'")]
    public void Parse_UnsupportedOrMalformedQuery_ThrowsFormatException(string query)
    {
        var parse = () => VisibilityQuery.Parse(query);

        parse.Should().Throw<FormatException>().Which.Message.Should().NotBeNullOrWhiteSpace();
    }
}

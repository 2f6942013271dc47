namespace FoodDelivery.Orchestrator.Saga;

/// <summary>The saga decided to stop (a deadline passed, the restaurant said no): compensate with this reason.</summary>
public sealed class SagaAbortedException : Exception
{
    public SagaAbortedException(string reason, string message)
        : base(message) => Reason = reason;

    public SagaAbortedException()
        : this("ABORTED", "the saga was aborted")
    {
    }

    public SagaAbortedException(string message)
        : this("ABORTED", message)
    {
    }

    public SagaAbortedException(string message, Exception innerException)
        : base(message, innerException) => Reason = "ABORTED";

    /// <summary>Stable reason code, e.g. ACCEPTANCE_DEADLINE_PASSED.</summary>
    public string Reason { get; }
}

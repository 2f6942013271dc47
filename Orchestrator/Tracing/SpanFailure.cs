using System.Diagnostics;
using FoodDelivery.ServiceDefaults.Telemetry;
using Temporalio.Exceptions;

namespace FoodDelivery.Orchestrator.Tracing;

/// <summary>Records a failure on a span: error status and an exception event, with payment tokens and card numbers masked.</summary>
internal static class SpanFailure
{
    public static void Record(Activity? span, Exception exception)
    {
        if (span is null)
        {
            return;
        }

        // A benign application failure is expected by design (e.g. a polled condition); it is recorded, not an error.
        if ((exception as ApplicationFailureException)?.Category != Temporalio.Api.Enums.V1.ApplicationErrorCategory.Benign)
        {
            span.SetStatus(ActivityStatusCode.Error, SensitiveData.Redact(exception.Message));
        }

        span.AddException(exception, new TagList
        {
            { "exception.message", SensitiveData.Redact(exception.Message) },
            { "exception.stacktrace", SensitiveData.Redact(exception.ToString()) },
        });
    }
}

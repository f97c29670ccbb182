using System.Net.Sockets;
using Azure;
using Azure.Identity;
using DriveSync.Pipeline.Ports;

namespace DriveSync.Pipeline.Storage;

/// <summary>
/// The one place that decides what a storage failure (after the Azure SDK's own retries) means for a run:
/// try again later, give up on this file, or stop the run.
/// </summary>
public static class StorageFailureClassifier
{
    /// <summary>
    /// Classifies <paramref name="exception"/>; unknown failures stop the run so nothing is lost silently.
    /// An <see cref="AggregateException"/> (the SDK's "retry failed after N tries") takes its most severe inner failure.
    /// </summary>
    public static FailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AggregateException { InnerExceptions.Count: > 0 } e => e.InnerExceptions.Max(Classify),
            RequestFailedException e => ByResponse(e.Status, e.ErrorCode),
            AuthenticationFailedException or CredentialUnavailableException => FailureKind.StopRun,
            OperationCanceledException { InnerException: TimeoutException } => FailureKind.Retry,
            OperationCanceledException => FailureKind.StopRun,
            TimeoutException or HttpRequestException or SocketException or IOException => FailureKind.Retry,
            ArgumentException => FailureKind.SkipFile,
            _ => FailureKind.StopRun,
        };
    }

    private static FailureKind ByResponse(int status, string? errorCode) => (status, errorCode) switch
    {
        (0, _) => FailureKind.Retry, // the transport failed on every attempt
        (_, not null) when errorCode.StartsWith("Lease", StringComparison.Ordinal) => FailureKind.StopRun,
        (401 or 403, _) => FailureKind.StopRun,
        (404, "ContainerNotFound" or "QueueNotFound" or "TableNotFound") => FailureKind.StopRun,
        (404, _) => FailureKind.SkipFile,
        (408 or 429 or >= 500, _) => FailureKind.Retry,
        (409, "ContainerBeingDeleted" or "QueueBeingDeleted" or "TableBeingDeleted") => FailureKind.Retry,
        (>= 400, _) => FailureKind.SkipFile,
        _ => FailureKind.StopRun,
    };
}

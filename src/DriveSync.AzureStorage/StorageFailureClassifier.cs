using System.Net.Sockets;
using Azure;
using Azure.Identity;

namespace DriveSync.AzureStorage;

/// <summary>What the pipeline does with a storage failure that survived Azure.Core's transport retries (ordered by severity).</summary>
public enum StorageFailureAction
{
    /// <summary>Transient: try the unit of work again later (throttling, 5xx, network).</summary>
    Retry,

    /// <summary>About this one file only: record it and go on with the others.</summary>
    SkipFile,

    /// <summary>Nothing else can succeed (credentials, missing container, lost lease, shutdown): stop the run, keep the checkpoint.</summary>
    StopRun,
}

/// <summary>The one place that decides what a storage failure means for a run.</summary>
public static class StorageFailureClassifier
{
    /// <summary>
    /// Classifies <paramref name="exception"/>; unknown failures stop the run so nothing is lost silently.
    /// An <see cref="AggregateException"/> (Azure.Core's "retry failed after N tries") takes its most severe inner failure.
    /// </summary>
    public static StorageFailureAction Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AggregateException { InnerExceptions.Count: > 0 } e => e.InnerExceptions.Max(Classify),
            StorageThrottledException => StorageFailureAction.Retry,
            StorageLeaseConflictException => StorageFailureAction.StopRun,
            StorageNotFoundException e when e.ErrorCode is "ContainerNotFound" or "QueueNotFound" => StorageFailureAction.StopRun,
            StorageNotFoundException => StorageFailureAction.SkipFile,
            StoragePreconditionFailedException => StorageFailureAction.SkipFile,
            RequestFailedException e => ByStatus(e.Status, e.ErrorCode),
            AuthenticationFailedException or CredentialUnavailableException => StorageFailureAction.StopRun,
            OperationCanceledException { InnerException: TimeoutException } => StorageFailureAction.Retry,
            OperationCanceledException => StorageFailureAction.StopRun,
            TimeoutException or HttpRequestException or SocketException or IOException => StorageFailureAction.Retry,
            ArgumentException => StorageFailureAction.SkipFile,
            _ => StorageFailureAction.StopRun,
        };
    }

    private static StorageFailureAction ByStatus(int status, string? errorCode) => status switch
    {
        0 => StorageFailureAction.Retry, // transport failure after Azure.Core's retries
        401 or 403 => StorageFailureAction.StopRun,
        404 => StorageFailureAction.SkipFile,
        408 or 429 or >= 500 => StorageFailureAction.Retry,
        409 when errorCode is "ContainerBeingDeleted" or "QueueBeingDeleted" => StorageFailureAction.Retry,
        >= 400 => StorageFailureAction.SkipFile,
        _ => StorageFailureAction.StopRun,
    };
}

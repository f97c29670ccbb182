using Azure;

namespace DriveSync.AzureStorage;

/// <summary>
/// A storage request the service answered with an error, after Azure.Core's retries.
/// The message holds the operation, status, error code and request id, never the account key, a SAS signature or a blob name.
/// </summary>
public class StorageRequestException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public StorageRequestException(string message, int status, string? errorCode, string? requestId)
        : base(status, message, errorCode, null)
    {
        RequestId = requestId;
    }

    /// <summary>The service's <c>x-ms-request-id</c>, for support calls.</summary>
    public string? RequestId { get; }
}

/// <summary>404: the container, blob, queue or message does not exist (<see cref="RequestFailedException.ErrorCode"/> says which).</summary>
public sealed class StorageNotFoundException(string message, int status, string? errorCode, string? requestId)
    : StorageRequestException(message, status, errorCode, requestId);

/// <summary>
/// A condition did not hold: 412 (ConditionNotMet), 304 on a conditional read, 409 BlobAlreadyExists under <c>If-None-Match: *</c>,
/// or 400 PopReceiptMismatch (the queue message was received again by someone else since).
/// </summary>
public sealed class StoragePreconditionFailedException(string message, int status, string? errorCode, string? requestId)
    : StorageRequestException(message, status, errorCode, requestId);

/// <summary>A lease stood in the way: LeaseAlreadyPresent, LeaseIdMissing, LeaseIdMismatch…, LeaseNotPresent…, LeaseLost and the other Lease* codes.</summary>
public sealed class StorageLeaseConflictException(string message, int status, string? errorCode, string? requestId)
    : StorageRequestException(message, status, errorCode, requestId);

/// <summary>The service is throttling or overloaded (503 ServerBusy, 500 OperationTimedOut, 429) and Azure.Core's retries ran out.</summary>
public sealed class StorageThrottledException(string message, int status, string? errorCode, string? requestId)
    : StorageRequestException(message, status, errorCode, requestId);

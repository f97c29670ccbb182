using System.Net.Sockets;
using Azure;
using Azure.Identity;

namespace DriveSync.AzureStorage.Tests;

public sealed class StorageFailureClassifierTests
{
    public static TheoryData<string, Exception, StorageFailureAction> Cases => new()
    {
        { "503 ServerBusy", new StorageThrottledException("m", 503, "ServerBusy", "r"), StorageFailureAction.Retry },
        { "500 OperationTimedOut", new StorageThrottledException("m", 500, "OperationTimedOut", "r"), StorageFailureAction.Retry },
        { "500 InternalError", new StorageRequestException("m", 500, "InternalError", "r"), StorageFailureAction.Retry },
        { "408 timeout", new StorageRequestException("m", 408, null, "r"), StorageFailureAction.Retry },
        { "transport status 0", new RequestFailedException("Connection refused"), StorageFailureAction.Retry },
        { "retries exhausted", new AggregateException(new RequestFailedException("a"), new RequestFailedException("b")), StorageFailureAction.Retry },
        { "network timeout", new TaskCanceledException("timeout", new TimeoutException()), StorageFailureAction.Retry },
        { "IOException mid-download", new IOException("reset"), StorageFailureAction.Retry },
        { "HttpRequestException", new HttpRequestException("reset"), StorageFailureAction.Retry },
        { "SocketException", new SocketException(), StorageFailureAction.Retry },
        { "409 ContainerBeingDeleted", new StorageRequestException("m", 409, "ContainerBeingDeleted", "r"), StorageFailureAction.Retry },
        { "404 BlobNotFound", new StorageNotFoundException("m", 404, "BlobNotFound", "r"), StorageFailureAction.SkipFile },
        { "404 MessageNotFound", new StorageNotFoundException("m", 404, "MessageNotFound", "r"), StorageFailureAction.SkipFile },
        { "412 ConditionNotMet", new StoragePreconditionFailedException("m", 412, "ConditionNotMet", "r"), StorageFailureAction.SkipFile },
        { "400 PopReceiptMismatch", new StoragePreconditionFailedException("m", 400, "PopReceiptMismatch", "r"), StorageFailureAction.SkipFile },
        { "409 BlobAlreadyExists", new StoragePreconditionFailedException("m", 409, "BlobAlreadyExists", "r"), StorageFailureAction.SkipFile },
        { "400 InvalidMetadata", new StorageRequestException("m", 400, "InvalidMetadata", "r"), StorageFailureAction.SkipFile },
        { "413 RequestBodyTooLarge", new StorageRequestException("m", 413, "RequestBodyTooLarge", "r"), StorageFailureAction.SkipFile },
        { "bad argument", new ArgumentException("metadata"), StorageFailureAction.SkipFile },
        { "404 ContainerNotFound", new StorageNotFoundException("m", 404, "ContainerNotFound", "r"), StorageFailureAction.StopRun },
        { "404 QueueNotFound", new StorageNotFoundException("m", 404, "QueueNotFound", "r"), StorageFailureAction.StopRun },
        { "403 AuthenticationFailed", new StorageRequestException("m", 403, "AuthenticationFailed", "r"), StorageFailureAction.StopRun },
        { "401", new StorageRequestException("m", 401, null, "r"), StorageFailureAction.StopRun },
        { "412 LeaseIdMissing", new StorageLeaseConflictException("m", 412, "LeaseIdMissing", "r"), StorageFailureAction.StopRun },
        { "409 LeaseAlreadyPresent", new StorageLeaseConflictException("m", 409, "LeaseAlreadyPresent", "r"), StorageFailureAction.StopRun },
        { "token failure", new AuthenticationFailedException("no identity"), StorageFailureAction.StopRun },
        { "no credential", new CredentialUnavailableException("none"), StorageFailureAction.StopRun },
        { "caller cancelled", new OperationCanceledException(), StorageFailureAction.StopRun },
        { "aggregate with auth failure", new AggregateException(new IOException(), new StorageRequestException("m", 403, null, null)), StorageFailureAction.StopRun },
        { "unknown", new InvalidOperationException("?"), StorageFailureAction.StopRun },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Failure_GivesTheRunAction(string description, Exception exception, StorageFailureAction expected)
    {
        Assert.True(Enum.IsDefined(expected), description);
        Assert.Equal(expected, StorageFailureClassifier.Classify(exception));
    }
}

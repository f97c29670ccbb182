using System.Net.Sockets;
using Azure;
using Azure.Identity;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Pipeline.Tests.Storage;

public sealed class StorageFailureClassifierTests
{
    public static TheoryData<Exception, FailureKind> Cases => new()
    {
        { new RequestFailedException(503, "busy", "ServerBusy", null), FailureKind.Retry },
        { new RequestFailedException(500, "timeout", "OperationTimedOut", null), FailureKind.Retry },
        { new RequestFailedException(429, "throttled", null, null), FailureKind.Retry },
        { new RequestFailedException(408, "slow", null, null), FailureKind.Retry },
        { new RequestFailedException(0, "transport", null, new HttpRequestException("refused")), FailureKind.Retry },
        { new RequestFailedException(409, "deleting", "ContainerBeingDeleted", null), FailureKind.Retry },
        { new RequestFailedException(404, "gone", "BlobNotFound", null), FailureKind.SkipFile },
        { new RequestFailedException(412, "changed", "ConditionNotMet", null), FailureKind.SkipFile },
        { new RequestFailedException(409, "exists", "BlobAlreadyExists", null), FailureKind.SkipFile },
        { new RequestFailedException(413, "too big", "RequestBodyTooLarge", null), FailureKind.SkipFile },
        { new RequestFailedException(400, "receipt", "PopReceiptMismatch", null), FailureKind.SkipFile },
        { new RequestFailedException(404, "no container", "ContainerNotFound", null), FailureKind.StopRun },
        { new RequestFailedException(404, "no queue", "QueueNotFound", null), FailureKind.StopRun },
        { new RequestFailedException(404, "no table", "TableNotFound", null), FailureKind.StopRun },
        { new RequestFailedException(403, "key", "AuthenticationFailed", null), FailureKind.StopRun },
        { new RequestFailedException(401, "token", "InvalidAuthenticationInfo", null), FailureKind.StopRun },
        { new RequestFailedException(409, "leased", "LeaseAlreadyPresent", null), FailureKind.StopRun },
        { new RequestFailedException(412, "lease lost", "LeaseLost", null), FailureKind.StopRun },
        { new AggregateException(new IOException("reset"), new RequestFailedException(503, "busy", "ServerBusy", null)), FailureKind.Retry },
        { new AggregateException(new IOException("reset"), new RequestFailedException(403, "key", "AuthenticationFailed", null)), FailureKind.StopRun },
        { new AuthenticationFailedException("no token"), FailureKind.StopRun },
        { new CredentialUnavailableException("no identity"), FailureKind.StopRun },
        { new TaskCanceledException("network timeout", new TimeoutException()), FailureKind.Retry },
        { new OperationCanceledException("shutting down"), FailureKind.StopRun },
        { new HttpRequestException("refused"), FailureKind.Retry },
        { new SocketException((int)SocketError.ConnectionReset), FailureKind.Retry },
        { new IOException("reset"), FailureKind.Retry },
        { new TimeoutException(), FailureKind.Retry },
        { new ArgumentException("bad metadata"), FailureKind.SkipFile },
        { new InvalidOperationException("unknown"), FailureKind.StopRun },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Failure_GivesTheRunsVerdict(Exception exception, FailureKind expected) =>
        Assert.Equal(expected, StorageFailureClassifier.Classify(exception));
}

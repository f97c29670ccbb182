using System.Net;
using Azure;
using DriveSync.GoogleDrive;
using DriveSync.Pipeline.Adapters;
using DriveSync.Pipeline.Ports;
using DriveSync.Pipeline.Storage;

namespace DriveSync.Pipeline.Tests;

/// <summary>The adapters hand each dependency's own classifier verdict to the pipeline unchanged.</summary>
public sealed class FailureMappingTests
{
    public static TheoryData<Exception, FailureKind> StorageFailures => new()
    {
        { new RequestFailedException(503, "Put Blob failed: 503 ServerBusy", "ServerBusy", null), FailureKind.Retry },
        { new IOException("connection reset"), FailureKind.Retry },
        { new RequestFailedException(404, "Get Blob failed: 404", "BlobNotFound", null), FailureKind.SkipFile },
        { new RequestFailedException(403, "Put Blob failed: 403", "AuthenticationFailed", null), FailureKind.StopRun },
        { new InvalidOperationException("unknown"), FailureKind.StopRun },
    };

    public static TheoryData<Exception, FailureKind> DriveFailures => new()
    {
        { new DriveApiException("files.get", HttpStatusCode.NotFound, "notFound", null), FailureKind.SkipFile },
        { new DriveExportTooLargeException("f1"), FailureKind.SkipFile },
        { new DriveRetriesExhaustedException("files.get", 6, new IOException("reset")), FailureKind.SkipFile },
        { new DriveApiException("files.list", HttpStatusCode.Unauthorized, "authError", null), FailureKind.StopRun },
        { new DriveCredentialException("bad key"), FailureKind.StopRun },
        { new DriveOcrCleanupException("f1", "drivesync-ocr-f1", ["c1"], new DriveApiException("files.delete", HttpStatusCode.Forbidden, "insufficientFilePermissions", null), null), FailureKind.SkipFile },
        { new DriveOcrCleanupException("f1", "drivesync-ocr-f1", ["c1"], new DriveApiException("files.delete", HttpStatusCode.Unauthorized, "authError", null), null), FailureKind.StopRun },
    };

    [Theory]
    [MemberData(nameof(StorageFailures))]
    public void Classify_StorageFailure_MapsTheStorageClassifierVerdict(Exception exception, FailureKind expected)
    {
        var store = new AzureBlobStore(new StorageAccountClients(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));

        Assert.Equal(expected, store.Classify(exception));
    }

    [Theory]
    [MemberData(nameof(DriveFailures))]
    public void Classify_DriveFailure_MapsTheDriveClassifierVerdict(Exception exception, FailureKind expected)
    {
        var options = new DriveOptions { BaseUri = new Uri("http://127.0.0.1:1/"), BearerToken = "t", FolderId = "root" };
        using var pacer = new DrivePacer(options);
        using var client = new DriveClient(options, pacer);
        var source = new GoogleDriveSource(client, new DriveOcrConverter(client, options), options);

        Assert.Equal(expected, source.Classify(exception));
    }
}
